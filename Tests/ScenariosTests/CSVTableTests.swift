import XCTest
@testable import Scenarios

final class CSVTableTests: XCTestCase {
    func test_parse_readsRequestedColumns_CRLFAndTrailingNewline() throws {
        let text = "date,a,b\r\nx,1,2\r\ny,3.5,-4e-1\r\n"
        let table = try CSVTable.parse(text, file: "t.csv", columns: ["b", "a"])
        XCTAssertEqual(table.header, ["date", "a", "b"])
        XCTAssertEqual(table.columns["a"], [1, 3.5])
        XCTAssertEqual(table.columns["b"], [2, -0.4])
        XCTAssertEqual(table.rowCount, 2)
    }

    func test_malformedRow_reportsItsLineNumber() {
        let short = "date,a,b\nx,1,2\ny,3\nz,5,6\n"
        XCTAssertThrowsError(try CSVTable.parse(short, file: "t.csv", columns: ["a"])) { error in
            XCTAssertEqual((error as? CSVError)?.line, 3)
            XCTAssertEqual("\(error)", "t.csv:3: malformed row: expected 3 fields as in the header, got 2")
        }
        let bad = "date,a,b\nx,1,2\ny,3,2\nz,oops,6\n"
        XCTAssertThrowsError(try CSVTable.parse(bad, file: "t.csv", columns: ["a"])) { error in
            XCTAssertEqual((error as? CSVError)?.line, 4)
        }
    }

    func test_missingColumn_namesTheHeader() {
        XCTAssertThrowsError(try CSVTable.parse("date,a\nx,1\n", file: "t.csv", columns: ["OT"])) { error in
            XCTAssertEqual(error as? CSVError, .missingColumn(file: "t.csv", column: "OT", available: ["date", "a"]))
        }
    }
}
