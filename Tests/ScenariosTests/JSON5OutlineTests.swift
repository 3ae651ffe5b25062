import Foundation
import Scenarios
import XCTest

final class JSON5OutlineTests: XCTestCase {
    func test_keepsKeyOrderAndLines_throughCommentsAndTrailingCommas() throws {
        let outline = try JSON5Outline.scan("{\n // c\n zeta: 1, 'alpha': [ {b: 2, a: 3}, ],\n /* x */ mid: 'q',\n}")
        XCTAssertEqual(outline.keyOrder[""], ["zeta", "alpha", "mid"])
        XCTAssertEqual(outline.keyOrder["alpha[0]"], ["b", "a"])
        XCTAssertEqual(outline.lines["mid"], 4)
    }

    func test_bareWordValue_isASyntaxError() {
        XCTAssertThrowsError(try JSON5Outline.scan("{ a: foo }")) { error in
            XCTAssertEqual((error as? JSON5Outline.SyntaxError)?.message, "'foo' is not a value (strings need quotes)")
        }
    }

    /// 40,000 keys in one object: the duplicate check was a search of the keys seen so far (about
    /// 8 × 10^8 string comparisons, over a minute even in release); a hash set makes it linear. The
    /// bound is CPU time, loose enough for a debug build on a busy machine, far below the old cost.
    func testJSON5OutlineFortyThousandKeysIsLinear() throws {
        let keys = 40_000
        let text = "{" + (0..<keys).map { "key\($0): \($0)" }.joined(separator: ",\n") + ",\nkey17: 0}"
        let start = clock()
        let outline = try JSON5Outline.scan(text)
        let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        XCTAssertEqual(outline.keyOrder[""]?.count, keys)
        XCTAssertEqual(outline.duplicate?.path, "key17", "the repeated key is still found")
        XCTAssertEqual(outline.duplicate?.line, keys + 1)
        XCTAssertLessThan(seconds, 5, "scanning \(keys) keys took \(seconds) s of CPU")
    }
}
