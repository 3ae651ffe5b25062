import Foundation
import SimTestSupport
import XCTest

/// `--data DIR` and `SIM_DATA`: a `csv` world finds `dataFile` in the data folder, falls back to its
/// relative `path`, and a file found nowhere is a scenario error naming where it looked and its source.
final class DataFolderEndToEndTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func scenario() -> String {
        var csv = "date,a,y\n"
        for t in 0..<30 { csv += "d\(t),\(Double(t) * 0.1),\(sin(Double(t)))\n" }
        try? FileManager.default.createDirectory(atPath: folder.file("data/series"), withIntermediateDirectories: true)
        _ = folder.write("data/series/x.csv", csv)
        return folder.write("s.json5", """
        { name: "d", world: { kind: "csv", path: "elsewhere/x.csv", dataFile: "series/x.csv",
          source: "https://example.org/x.csv", target: "y", inputs: [{ column: "a", lags: [0] }], length: 10, clients: 2 },
          policies: { p: { kind: "persistence" } } }
        """)
    }

    func test_dataFolder_fromTheOption_orTheEnvironment_elseTheErrorSaysWhereToGetIt() throws {
        guard let sim = SimProcess() else { throw XCTSkip("sim binary not built") }
        let file = scenario(), data = folder.file("data")
        XCTAssertEqual(try sim.run(["validate", file, "--data", data]).status, 0)
        XCTAssertEqual(try sim.run(["validate", file], environment: ["SIM_DATA": data]).status, 0)
        XCTAssertEqual(try sim.run(["run", "--data", data, file, "--no-progress"]).status, 0)
        let missing = try sim.run(["validate", file], environment: ["SIM_DATA": ""])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stdout.contains("https://example.org/x.csv") || missing.stderr.contains("https://example.org/x.csv"),
                      missing.stdout + missing.stderr)
        XCTAssertTrue((missing.stdout + missing.stderr).contains("--data DIR"))
        XCTAssertEqual(try sim.run(["validate", file, "--data"]).status, 2)
    }
}
