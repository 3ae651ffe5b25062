import Foundation
import SimTestSupport
import XCTest

/// `sim tune`: the grid runs on the `--on` data, the best mean is chosen and written as `--set` lines.
final class TuneCommandTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    func test_tune_choosesTheBestGridPoint_onTheTuningData_andWritesSetLines() throws {
        guard let sim = SimProcess() else { throw XCTSkip("sim binary not built") }
        let out = folder.file("chosen.txt")
        let result = try sim.run(["tune", "Scenarios/ts-logistic.json5", "--policy", "greedy", "--grid", "gamma=0.1,1000",
                                  "--on", "world.rounds=40", "--seeds", "1..2", "--out", out, "--no-progress"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "--set policies.greedy.gamma=1000\n")
        XCTAssertTrue(result.stdout.contains("* policies.greedy.gamma=1000"), result.stdout)
        // The printed means are those of sim compare on the tuning data.
        let compare = try sim.run(["compare", "Scenarios/ts-logistic.json5", "--policies", "greedy", "--seeds", "1..2",
                                   "--set", "world.rounds=40", "--set", "policies.greedy.gamma=1000", "--metrics", "mixtureRMSE",
                                   "--json", folder.file("c.json"), "--no-progress"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("c.json")))) as? [String: Any]
        let metrics = (document?["metrics"] as? [String: Any])?["mixtureRMSE"] as? [String: Any]
        let mean = ((metrics?["perPolicy"] as? [String: Any])?["greedy"] as? [String: Any])?["mean"] as? Double
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("* ") }.map(String.init) ?? ""
        let printed = Double(line.split(separator: " ").dropFirst(2).first.map(String.init) ?? "")
        XCTAssertEqual(printed ?? .nan, mean ?? 0, accuracy: 1e-12, line)
    }

    /// `--grid` and `--on` are repeatable: every combination of two grids runs on both overrides.
    func test_tune_takesSeveralGridsAndOverrides() throws {
        guard let sim = SimProcess() else { throw XCTSkip("sim binary not built") }
        let out = folder.file("two.txt")
        let result = try sim.run(["tune", "Scenarios/ts-logistic.json5", "--policy", "greedy", "--grid", "gamma=0.1,1000",
                                  "--grid", "window=1,2", "--on", "world.rounds=30", "--on", "world.clients=2",
                                  "--seeds", "1", "--out", out, "--no-progress"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").filter { !$0.hasPrefix("chosen") && $0.contains("policies.greedy.gamma=") && $0.contains("window=") }.count,
                       4, result.stdout)
        XCTAssertTrue(result.stdout.contains("world.rounds=30") && result.stdout.contains("world.clients=2"), result.stdout)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "\(lines)")
    }

    func test_tune_usageErrors_exitTwo() throws {
        guard let sim = SimProcess() else { throw XCTSkip("sim binary not built") }
        for arguments in [["tune", "Scenarios/ts-logistic.json5", "--policy", "greedy", "--grid", "gamma=1,2"],
                          ["tune", "Scenarios/ts-logistic.json5", "--grid", "gamma=1", "--on", "world.rounds=5"],
                          ["tune", "Scenarios/ts-logistic.json5", "--policy", "greedy", "--grid", "gamma=", "--on", "world.rounds=5"],
                          ["tune", "Scenarios/ts-logistic.json5", "--policy", "greedy", "--grid", "gamma=1", "--on", "world.rounds=5",
                           "--out", "Scenarios/ts-logistic.json5"]] {
            XCTAssertEqual(try sim.run(arguments).status, 2, arguments.joined(separator: " "))
        }
    }
}
