import XCTest
@testable import Agents

final class LaggedSeriesSpecTests: XCTestCase {
    func test_lagsBeforeStart_areZero_andWindowIsCut() {
        let columns: [String: [Double]] = ["a": [1, 2, 3, 4, 5, 6], "y": [10, 20, 30, 40, 50, 60]]
        let spec = LaggedSeriesSpec(target: "y", inputs: [.init(columns: ["a"], lags: [0, 1]), .init(columns: ["y"], lags: [1])],
                                    start: 2, rounds: 3)
        let d = spec.window(columns: columns)!
        XCTAssertEqual(d.targets.column(0), [30, 40, 50, 60])
        XCTAssertEqual(d.inputs.row(0), [3, 0, 0])
        XCTAssertEqual(d.inputs.row(1), [4, 3, 30])
        XCTAssertEqual(d.inputs.row(3), [6, 5, 50])
        XCTAssertNil(LaggedSeriesSpec(target: "y", inputs: [], start: 3, rounds: 3).window(columns: columns))
        XCTAssertNil(LaggedSeriesSpec(target: "z", inputs: [], rounds: 3).window(columns: columns))
    }

    func test_differenceBlock_isOneRowChange_zeroBeforeTheWindow() {
        // a: 1, 4, 9, 16, 25, 36 → changes 3, 5, 7, 9, 11. Window rows 2 … 5 (a = 9, 16, 25, 36).
        let columns: [String: [Double]] = ["a": [1, 4, 9, 16, 25, 36], "y": [10, 20, 30, 40, 50, 60]]
        let spec = LaggedSeriesSpec(target: "y", inputs: [.init(columns: ["a"], lags: [0, 1], difference: true),
                                                          .init(columns: ["a"], lags: [0])],
                                    start: 2, rounds: 3)
        let d = spec.window(columns: columns)!
        XCTAssertEqual(d.inputs.row(0), [0, 0, 9])      // both differences reach row 1, before the window
        XCTAssertEqual(d.inputs.row(1), [7, 0, 16])     // 16 − 9; lag 1 reaches before the window
        XCTAssertEqual(d.inputs.row(2), [9, 7, 25])
        XCTAssertEqual(d.inputs.row(3), [11, 9, 36])
        XCTAssertEqual(spec.features.map(\.difference), [true, true, false])
        var running = spec
        running.normalization = .running             // scaled like any input: by the largest |entry| so far
        XCTAssertEqual(running.window(columns: columns)!.inputs.row(1), [7.0 / 16, 0, 1])
    }

    func test_presets_featureOrder() {
        let ett = LaggedSeriesSpec.ett().features.map { "\($0.column)@\($0.lag)" }
        XCTAssertEqual(ett.count, 20)
        XCTAssertEqual(Array(ett.prefix(7)), ["HUFL@0", "HULL@0", "MUFL@0", "MULL@0", "LUFL@0", "LULL@0", "HUFL@1"])
        XCTAssertEqual(Array(ett.suffix(3)), ["LULL@2", "OT@0", "OT@1"])
        let boc = LaggedSeriesSpec.boc().features.map { "\($0.column)@\($0.lag)" }
        XCTAssertEqual(boc, ["AUD_CLOSE@0", "EUR_CLOSE@0", "GBP_CLOSE@0", "JPY_CLOSE@0",
                             "AUD_CLOSE@1", "EUR_CLOSE@1", "GBP_CLOSE@1", "JPY_CLOSE@1", "USD_CLOSE@0", "USD_CLOSE@1"])
        XCTAssertEqual(LaggedSeriesSpec.ett(validation: true).start, 3500)
        XCTAssertEqual(LaggedSeriesSpec.boc(validation: true).start, 1600)
        XCTAssertEqual(LaggedSeriesSpec.ett().normalization, .windowMax)
    }
}
