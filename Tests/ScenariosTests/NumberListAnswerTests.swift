import XCTest
@testable import Scenarios

/// The number lists of the time-series roles' answers: the byte-level reader and the general parser
/// agree, every double comes back bit for bit, and non-finite or malformed entries are named.
final class NumberListAnswerTests: XCTestCase {
    private func cause(_ line: String) -> String? {
        do {
            _ = try NumberListAnswer(line)
            return nil
        } catch let failure as ExternalProcessFailure {
            return failure.cause
        } catch {
            return "\(error)"
        }
    }

    /// Doubles of every magnitude (random bit patterns), printed as Swift and Python print them, read back exactly —
    /// through the plain path and, with a string member added, through the general parser.
    func test_everyDouble_readsBackBitForBit_onBothPaths() throws {
        var bits: UInt64 = 0x9E37_79B9_7F4A_7C15, values: [Double] = []
        while values.count < 500 {
            bits ^= bits << 13
            bits ^= bits >> 7
            bits ^= bits << 17
            if Double(bitPattern: bits).isFinite { values.append(Double(bitPattern: bits)) }
        }
        values += [0, -0.0, 1, -1, .leastNormalMagnitude / 1024, .greatestFiniteMagnitude, -.leastNormalMagnitude, 0.1, 1e22]
        let printed = values.map { "\($0)" }.joined(separator: ", ")
        for line in ["{\"predictions\": [\(printed)]}", "{\"type\": \"answer\", \"predictions\":[\(printed)]}"] {
            let read = try NumberListAnswer(line).list("predictions", count: values.count, what: "all", line: line)
            XCTAssertEqual(read.map(\.bitPattern), values.map(\.bitPattern))
        }
        XCTAssertEqual(try NumberListAnswer("{\"weights\":[1E2,-2.5e-1, 3]}").lists["weights"], [100, -0.25, 3])
    }

    func test_nonFiniteAndMalformedEntries_areNamed() {
        XCTAssertEqual(cause("{\"predictions\":[0.5, NaN]}"), "predictions[1] is not finite (NaN)")
        XCTAssertEqual(cause("{\"predictions\":[-Infinity]}"), "predictions[0] is not finite (-Infinity)")
        XCTAssertEqual(cause("{\"weights\":[1, 2, 1e999]}"), "weights[2] is not finite (1e999)")
        XCTAssertEqual(cause("{\"weights\":[1, \"2\"]}"), "weights[1] is not a number: \"2\"")
        XCTAssertTrue(cause("{\"weights\":[1, 2,]}")?.hasPrefix("malformed answer") ?? false)
        XCTAssertTrue(cause("[1, 2]")?.hasPrefix("malformed answer (not a JSON object)") ?? false)
    }

    func test_missingOrShortList_isNamed() throws {
        let line = "{\"predictions\":[1, 2]}"
        let answer = try NumberListAnswer(line)
        XCTAssertThrowsError(try answer.list("predictions", count: 3, what: "3 clients × d_y = 1", line: line)) { error in
            XCTAssertEqual((error as? ExternalProcessFailure)?.cause, "expected 3 predictions (3 clients × d_y = 1), got 2")
        }
        XCTAssertThrowsError(try answer.list("weights", count: 2, what: "one per client", line: line)) { error in
            XCTAssertTrue((error as? ExternalProcessFailure)?.cause.hasPrefix("malformed answer (expected \"weights\"") ?? false)
        }
        XCTAssertNil(try answer.optionalList("controls", count: 4, what: "", line: line))
    }
}
