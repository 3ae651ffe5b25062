import Foundation
import SimTestSupport
import XCTest

/// A checkpoint covers every file the scenario reads: a tabular policy `file:` or a CSV edited between
/// the checkpoint and `sim resume` is refused with exit 2 naming the file (the run would otherwise
/// continue on other tables or data); unchanged, the resumed run's results are byte-identical to an
/// uninterrupted run's.
final class CheckpointInputFilesTests: XCTestCase {
    var folder: URL!
    var sim: SimProcess!

    override func setUpWithError() throws {
        guard let binary = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        sim = binary
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-inputs-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func copyScenario(_ name: String, to target: String) throws {
        try FileManager.default.copyItem(atPath: RepositoryFiles.root.appendingPathComponent("Scenarios/" + name).path, toPath: path(target))
    }

    /// A tabular policy for quickstart's ring of 5 zones at k = 1: global action = the sampled robot's
    /// zone; robots stay with probability `stay`, else step either way.
    func policyFile(stay: Double) -> String {
        let global = (0..<5).map { _ in "[0,1,2,3,4]" }.joined(separator: ",")
        let row = "[\(stay),\((1 - stay) / 2),\((1 - stay) / 2)]"
        let local = (0..<5).map { _ in "[" + Array(repeating: row, count: 5).joined(separator: ",") + "]" }.joined(separator: ",")
        return """
        {"format": "meanfield-sim/tabular-policy", "formatVersion": 1, "scenario": "quickstart", "policy": "p", "kind": "g-learn",
         "k": 1, "seed": 7, "countOrder": "combinatorial", "globalStates": 5, "globalActions": 5, "localStates": 5, "localActions": 3,
         "global": [\(global)], "local": [\(local)]}
        """
    }

    func expectRefusal(_ checkpoint: String, naming file: String, line: UInt = #line) throws {
        let result = try sim.run(["resume", checkpoint, "--no-progress"])
        XCTAssertEqual(result.status, 2, result.stderr, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, line: line)
        XCTAssertTrue(result.stderr.contains(file) && result.stderr.contains("changed"), result.stderr, line: line)
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint), "a refused checkpoint is kept", line: line)
    }

    func test_tabularPolicyFileEditedBetweenCheckpointAndResume_isRefused_unchangedResumesByteIdentical() throws {
        try copyScenario("quickstart.json5", to: "q.json5")
        try policyFile(stay: 0.5).write(toFile: path("policy.json"), atomically: true, encoding: .utf8)
        let overrides = ["episodes=3", "horizon=6", "world.localAgents=50", "observation.k=1",
                         "policies.file={kind: \"tabular\", file: \"policy.json\"}"]
        let reference = try sim.run(["run", path("q.json5"), "--policy", "file", "--no-timing", "--no-progress", "--out", path("ref.json")]
                                    + overrides.flatMap { ["--set", $0] })
        XCTAssertEqual(reference.status, 0, reference.stderr)

        let checkpoint = path("c.ckpt")
        try CheckpointFixture.write(checkpoint, scenarioFile: path("q.json5"), overrides: overrides, policy: "file", cut: 8.5, out: path("r.json"))
        let resumed = try sim.run(["resume", checkpoint, "--no-progress"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("r.json"))), try Data(contentsOf: URL(fileURLWithPath: path("ref.json"))))

        try CheckpointFixture.write(checkpoint, scenarioFile: path("q.json5"), overrides: overrides, policy: "file", cut: 8.5, out: path("r2.json"))
        try policyFile(stay: 0.8).write(toFile: path("policy.json"), atomically: true, encoding: .utf8)
        try expectRefusal(checkpoint, naming: "policy.json")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("r2.json")))
    }

    func test_csvDataFileEditedBetweenCheckpointAndResume_isRefused() throws {
        try copyScenario("ts-csv-small.json5", to: "ts.json5")
        try copyScenario("data/synthetic-series.csv", to: "data/synthetic-series.csv")
        let checkpoint = path("c.ckpt")
        try CheckpointFixture.write(checkpoint, scenarioFile: path("ts.json5"), overrides: ["world.length=14"], policy: "memoa", cut: 5.5,
                                    out: path("r.json"))
        var csv = try String(contentsOfFile: path("data/synthetic-series.csv"), encoding: .utf8)
        csv += csv.split(separator: "\n").last.map { String($0) + "\n" } ?? ""
        try csv.write(toFile: path("data/synthetic-series.csv"), atomically: true, encoding: .utf8)
        try expectRefusal(checkpoint, naming: "synthetic-series.csv")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("r.json")))
    }
}
