import XCTest
import Foundation
import Agents
import SimTestSupport
@testable import Scenarios

/// The `csv` world's `difference` input blocks, read from a tiny file and checked by hand.
final class TimeSeriesCSVDifferenceTests: XCTestCase {
    private func read(_ world: String, csv: String) throws -> TimeSeriesData {
        let folder = makeTemporaryDirectory()
        _ = folder.write("data.csv", csv)
        var reader = try ObjectReader(try JSONValue.decode(json5: Data(world.utf8)), path: "world",
                                      context: ConfigContext(file: folder.path + "/s.json5", directory: folder.path))
        return try TimeSeriesCSVReader.read(&reader)
    }

    func test_differenceBlock_readsOneRowChanges_zeroBeforeTheWindow() throws {
        // v: 2, 3, 7, 8, 20, 21; window rows 1 … 4 (start 1, length 3).
        let csv = "t,v,y\n0,2,1\n1,3,2\n2,7,3\n3,8,4\n4,20,5\n5,21,6\n"
        let data = try read("""
            { kind: "csv", path: "data.csv", target: "y", start: 1, length: 3,
              inputs: [{ column: "v", lags: [0, 1], difference: true }, { column: "v", lags: [1] }] }
            """, csv: csv)
        XCTAssertEqual(data.targets.column(0), [2, 3, 4, 5])
        XCTAssertEqual(data.inputs.row(0), [0, 0, 0])     // v_1 − v_0 reaches row 0, before the window
        XCTAssertEqual(data.inputs.row(1), [4, 0, 3])     // 7 − 3; the lag-1 change reaches before the window
        XCTAssertEqual(data.inputs.row(2), [1, 4, 7])
        XCTAssertEqual(data.inputs.row(3), [12, 1, 8])
    }

    func test_nonBooleanDifference_namesTheField() throws {
        XCTAssertThrowsError(try read("""
            { kind: "csv", path: "data.csv", target: "y", length: 2, inputs: [{ column: "v", difference: "yes" }] }
            """, csv: "v,y\n1,1\n2,2\n3,3\n")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "world.inputs[0].difference", "\(error)")
        }
    }
}
