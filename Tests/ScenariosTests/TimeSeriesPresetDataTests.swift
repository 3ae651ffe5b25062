import XCTest
import Foundation
import Agents
@testable import Scenarios

/// The `ett` and `boc` presets on the real files in `../shared/data` (skipped when that folder is
/// absent; the generated-data tests in CSVTableTests and TimeSeriesScenarioTests always run).
final class TimeSeriesPresetDataTests: XCTestCase {
    private func dataFile(_ relative: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = root.deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: file.path) else { throw XCTSkip("\(file.path) is absent") }
        return file.path
    }

    func test_boc_window_alignmentAndLags() throws {
        let spec = LaggedSeriesSpec.boc()
        let table = try CSVTable.read(file: try dataFile("boc-fx/bank_of_canada_exchange_rates.csv"), columns: spec.columnsRead)
        XCTAssertEqual(table.rowCount, 3651)
        let data = try XCTUnwrap(spec.window(columns: table.columns))
        XCTAssertEqual(data.rounds, 2000)
        XCTAssertEqual(data.inputDimension, 10)
        XCTAssertEqual(data.target(0), [1.1105])
        XCTAssertEqual(data.target(1), [1.1087])
        // Row 0: AUD, EUR, GBP, JPY at lag 0, the same at lag 1 (zero before the start), USD at lags 0, 1.
        XCTAssertEqual(data.input(0), [0.92, 1.51, 2.2199, 0.009271, 0, 0, 0, 0, 1.1105, 0])
        XCTAssertEqual(data.input(1), [0.91, 1.51, 2.2055, 0.009232, 0.92, 1.51, 2.2199, 0.009271, 1.1087, 1.1105])
        let validation = try XCTUnwrap(LaggedSeriesSpec.boc(validation: true).window(columns: table.columns))
        XCTAssertEqual(validation.target(0), [table.columns["USD_CLOSE"]![1600]])
        XCTAssertEqual(Array(validation.input(0).suffix(2)), [table.columns["USD_CLOSE"]![1600], 0])
    }

    func test_ett_windowMax_scalesInputsByOneScalar_andTargetByItsMax() throws {
        let spec = LaggedSeriesSpec.ett()
        let table = try CSVTable.read(file: try dataFile("ett-small/ETTh1.csv"), columns: spec.columnsRead)
        XCTAssertEqual(table.rowCount, 17420)
        let data = try XCTUnwrap(spec.window(columns: table.columns))
        XCTAssertEqual(data.inputDimension, 20)
        XCTAssertEqual(data.inputs.elements.max(), 1)
        XCTAssertEqual(data.targets.elements.max(), 1)
        let ot = Array(table.columns["OT"]![0...2000])
        let targetMax = ot.max()!
        XCTAssertEqual(data.target(0)[0], 30.5310001373291 / targetMax, accuracy: 1e-15)
        // Inputs share one scale: HUFL_0 / HULL_0 keeps the raw ratio.
        XCTAssertEqual(data.input(0)[0] / data.input(0)[1], 5.827000141143799 / 2.009000062942505, accuracy: 1e-12)
        let raw = try XCTUnwrap(LaggedSeriesSpec(target: "OT", inputs: spec.inputs, rounds: 2000).window(columns: table.columns))
        let inputMax = raw.inputs.elements.max()!
        XCTAssertEqual(data.input(0)[18], raw.input(0)[18] / inputMax, accuracy: 1e-15)   // OT inside x uses the input scale
        let validation = try XCTUnwrap(LaggedSeriesSpec.ett(validation: true).window(columns: table.columns))
        XCTAssertEqual(validation.targets.elements.max(), 1)
        XCTAssertEqual(validation.rounds, 2000)
    }
}
