@testable import sim
import XCTest

/// Output paths that equal an input path are refused before anything runs (no partial outputs,
/// issue 6 item 5).
final class OutputPathTests: XCTestCase {
    func test_outEqualToScenario_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--out", "a.json5"])) { error in
            XCTAssertTrue("\(error)".contains("a.json5"), "\(error)")
        }
    }

    func test_traceEqualToScenario_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--trace", "a.json5"]))
    }

    func test_outEqualToTrace_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--out", "x.json", "--trace", "x.json"]))
    }
}
