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
}
