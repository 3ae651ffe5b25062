import Foundation
import SimTestSupport
import XCTest

/// A folder holding copies of scenarios whose inputs are files, for the output-fault tests: `q.json5`
/// (quickstart), `csv.json5` with `data/series.csv`, `tab.json5` with `tables.json` (explicit tables).
struct IOFaultFolder {
    let path: String
    let sim: SimProcess

    init(_ test: XCTestCase) throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        self.sim = sim
        path = try CLIHarness.temporaryFolder(test).path
        let scenarios = CLIHarness.root.appendingPathComponent("Scenarios").path
        try FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: scenarios + "/quickstart.json5", toPath: path + "/q.json5")
        try FileManager.default.copyItem(atPath: scenarios + "/data/synthetic-series.csv", toPath: path + "/data/series.csv")
        let csv = try String(contentsOfFile: scenarios + "/ts-csv-small.json5", encoding: .utf8)
            .replacingOccurrences(of: "data/synthetic-series.csv", with: "data/series.csv")
        try csv.write(toFile: path + "/csv.json5", atomically: true, encoding: .utf8)
        try Self.tables.write(toFile: path + "/tables.json", atomically: true, encoding: .utf8)
        try Self.tabular.write(toFile: path + "/tab.json5", atomically: true, encoding: .utf8)
    }

    /// Two global and two local states and actions.
    static let tables = """
    { P_g: [[[0.9, 0.1], [0.2, 0.8]], [[0.7, 0.3], [0.1, 0.9]]],
      P_l: [[[[1, 0], [0.5, 0.5]], [[0.6, 0.4], [0.3, 0.7]]], [[[0.2, 0.8], [0, 1]], [[0.5, 0.5], [0.25, 0.75]]]],
      R_g: [[1, 0], [0, 1]], R_l: [[[1, 0.5], [0, -1]], [[2, 0], [1.5, 0.25]]] }
    """

    static let tabular = """
    { name: "io-tabular", horizon: 8, episodes: 2, world: { kind: "tabular", localAgents: 20, tablesFile: "tables.json" },
      observation: { k: 2 }, policies: { random: { kind: "random" }, learned: { kind: "g-learn" } } }
    """

    /// Runs a bash script in the folder with the binary in `$SIM`.
    func shell(_ script: String, timeout: TimeInterval = 120) throws -> SimProcess.Result {
        try sim.shell(script, in: path, timeout: timeout)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: file(name)) }

    /// Every entry of the folder and of `data/` that looks like a temporary file.
    func temporaries() throws -> [String] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: path)
        return names.filter { $0.contains(".tmp") || $0.contains(".nosync") }
    }
}
