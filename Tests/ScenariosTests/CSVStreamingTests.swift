import Agents
import Foundation
@testable import Scenarios
import SimTestSupport
import XCTest

/// A `csv` world reads only the rows its window needs, streaming the file: a huge file with a short
/// window costs what the window costs.
final class CSVStreamingTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func rows(_ range: Range<Int>) -> String {
        range.map { "d\($0),\(Double($0) * 0.5),\(sin(Double($0)))\n" }.joined()
    }

    private func scenario(start: Int, length: Int) -> String {
        folder.write("s.json5", """
        { name: "stream", world: { kind: "csv", path: "data.csv", target: "y", inputs: [{ column: "a", lags: [0, 1] }],
          start: \(start), length: \(length), clients: 2 }, policies: { g: { kind: "greedy" } } }
        """)
    }

    /// 20,000 rows that are not CSV at all follow the window: they are never read.
    func testWindowOfALargeCSVReadsOnlyTheRowsItNeeds() throws {
        folder.write("data.csv", "date,a,y\n" + rows(0..<101) + String(repeating: "not,a,number,row\n", count: 20_000))
        let table = try CSVTable.read(file: folder.file("data.csv"), columns: ["a", "y"], rows: 0..<101)
        XCTAssertEqual(table.rowCount, 101)
        XCTAssertEqual(table.columns["a"], (0..<101).map { Double($0) * 0.5 })
        XCTAssertNoThrow(try Scenario.load(file: scenario(start: 0, length: 100)))
    }

    /// Rows before the window are counted, not parsed.
    func testRowsBeforeTheWindowAreSkipped() throws {
        folder.write("data.csv", "date,a,y\n" + String(repeating: "skipped\n", count: 50) + rows(50..<80))
        let table = try CSVTable.read(file: folder.file("data.csv"), columns: ["a"], rows: 50..<80)
        XCTAssertEqual(table.columns["a"], (50..<80).map { Double($0) * 0.5 })
        XCTAssertNoThrow(try Scenario.load(file: scenario(start: 50, length: 29)))
        XCTAssertThrowsError(try Scenario.load(file: scenario(start: 50, length: 30))) { error in
            XCTAssertTrue("\(error)".contains("the file has 80 data rows"), "\(error)")
        }
    }

    /// The streamed window equals the window cut from the whole file's columns.
    func testStreamedWindowMatchesTheWholeFile() throws {
        let csv = RepositoryFiles.root.appendingPathComponent("Scenarios/data/synthetic-series.csv").path
        var spec = LaggedSeriesSpec(target: "target", inputs: [.init(columns: ["driver", "load"], lags: [0, 2]), .init(columns: ["target"], lags: [1])],
                                    start: 7, rounds: 60, normalization: .running)
        let whole = try CSVTable.read(file: csv, columns: spec.columnsRead)
        let expected = try XCTUnwrap(spec.window(columns: whole.columns))
        let streamed = try CSVTable.read(file: csv, columns: spec.columnsRead, rows: spec.start..<spec.requiredRows)
        spec.start = 0
        let got = try XCTUnwrap(spec.window(columns: streamed.columns))
        XCTAssertEqual(got.inputs, expected.inputs)
        XCTAssertEqual(got.targets, expected.targets)
    }

    /// Lines cut by the 64 KiB read blocks — a CRLF split between two blocks included — read as written.
    func testLinesAcrossReadBlocksAreWhole() throws {
        var text = "i,v\r\n"
        var i = 0
        while text.utf8.count < 3 << 16 {
            // Padding moves the line ends across the block boundaries.
            text += "\(i),\(i)" + String(repeating: " ", count: i % 7) + (i % 3 == 0 ? "\r" : "\r\n")
            i += 1
        }
        folder.write("blocks.csv", text)
        let table = try CSVTable.read(file: folder.file("blocks.csv"), columns: ["v"])
        XCTAssertEqual(table.columns["v"], (0..<i).map(Double.init))
        XCTAssertEqual(try CSVTable.parse(text, file: "blocks.csv", columns: ["v"]).columns["v"], table.columns["v"])
    }

    /// A file without line ends cannot fill memory: a line over 1 MiB is malformed.
    func testLineLongerThanTheLimitIsMalformed() throws {
        folder.write("long.csv", "a,b\n1,2\n" + String(repeating: "9", count: CSVTable.maximumLineBytes + 10))
        XCTAssertThrowsError(try CSVTable.read(file: folder.file("long.csv"), columns: ["a"])) { error in
            XCTAssertEqual((error as? CSVError)?.line, 3, "\(error)")
            XCTAssertTrue("\(error)".contains("longer than 1 MiB"), "\(error)")
        }
    }
}
