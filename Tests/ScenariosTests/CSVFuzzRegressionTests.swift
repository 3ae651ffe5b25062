import Foundation
@testable import Scenarios
import XCTest

/// One test per problem the CSV fuzzer found.
final class CSVFuzzRegressionTests: XCTestCase {
    /// A byte-order mark became part of the first column's name: "no column 'target'" for a file whose
    /// header visibly starts with target.
    func test_byteOrderMark_isNotPartOfTheFirstColumn() throws {
        let table = try CSVTable.parse("\u{FEFF}target,x\n1,2\n3,4\n", file: "f.csv", columns: ["target"])
        XCTAssertEqual(table.columns["target"], [1, 3])
    }

    /// Bare CR line ends made the whole file one header line with zero data rows.
    func test_bareCarriageReturns_endLines() throws {
        let table = try CSVTable.parse("target,x\r1,2\r3,4\r", file: "f.csv", columns: ["target"])
        XCTAssertEqual(table.rowCount, 2)
        XCTAssertEqual(table.columns["target"], [1, 3])
    }

    /// Invalid UTF-8 was always reported at line 1.
    func test_invalidUTF8_reportsItsLine() throws {
        var bytes = Array("target,x\n1,2\n3,4\n5,6\n".utf8)
        bytes.insert(0xFF, at: 15)  // inside "3,4"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).csv")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertThrowsError(try CSVTable.read(file: file.path, columns: ["target"])) { error in
            XCTAssertEqual((error as? CSVError)?.line, 3, "\(error)")
        }
    }
}
