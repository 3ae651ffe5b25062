import Foundation
import Engine
import Scenarios
import XCTest

/// Long ("tidy") CSV from run, compare, sweep and merge: one row per (scenario, point, policy, seed,
/// episode, metric, value), every episode — the numbers the summaries are made of.
final class LongCSVTests: XCTestCase {
    /// Rows of a CSV without quoted fields, split on commas.
    func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func test_run_oneRowPerPolicyEpisodeAndMetric_averagingToTheResults() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let csv = folder.appendingPathComponent("r.csv").path, out = folder.appendingPathComponent("r.json").path
        let result = CLIHarness.run(["run", CLIHarness.quickstart, "--csv", csv, "--out", out, "--no-timing"] + CLIHarness.small)
        XCTAssertEqual(result.status, 0, result.err)
        let table = try rows(csv)
        XCTAssertEqual(table[0], ["scenario", "policy", "seed", "episode", "metric", "value"])
        XCTAssertEqual(table.count - 1, 3 * 2 * 2, "3 policies × 2 episodes × 2 metrics")
        let runs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [[String: Any]])
        for run in runs {
            let policy = try XCTUnwrap(run["policy"] as? String)
            let metrics = try XCTUnwrap(run["metrics"] as? [String: [String: Any]])
            for (metric, summary) in metrics {
                let values = table.dropFirst().filter { $0[1] == policy && $0[4] == metric }.map { Double($0[5])! }
                XCTAssertEqual(values.count, 2)
                XCTAssertEqual(values.reduce(0, +) / 2, try XCTUnwrap(summary["mean"] as? Double), accuracy: 1e-12, "\(policy) \(metric)")
            }
        }
    }

    func test_compare_longFormat_everySeedPolicyEpisodeAndMetric() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let csv = folder.appendingPathComponent("c.csv").path
        let result = CLIHarness.run(["compare", CLIHarness.quickstart, "--seeds", "1..3", "--csv", csv, "--csv-format", "long", "--no-progress"] + CLIHarness.small)
        XCTAssertEqual(result.status, 0, result.err)
        let table = try rows(csv)
        XCTAssertEqual(table.count - 1, 3 * 3 * 2 * 2, "3 seeds × 3 policies × 2 episodes × 2 metrics")
        XCTAssertEqual(Set(table.dropFirst().map { $0[2] }), ["1", "2", "3"])
        XCTAssertEqual(CLIHarness.run(["compare", CLIHarness.quickstart, "--csv-format", "long"]).status, 2, "--csv-format needs --csv")
        XCTAssertEqual(CLIHarness.run(["compare", CLIHarness.quickstart, "--csv", csv, "--csv-format", "wide"]).status, 2)
    }

    /// The sweep's point becomes one column per swept field; `sim merge --csv` of the shards writes the
    /// same table as the unsharded sweep.
    func test_sweepAndMerge_flattenThePoint_andAgree() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let whole = folder.appendingPathComponent("whole.csv").path, merged = folder.appendingPathComponent("merged.csv").path
        let base = ["sweep", CLIHarness.quickstart, "--set", "observation.k=1,5", "--seeds", "1..2", "--no-progress"] + CLIHarness.small
        XCTAssertEqual(CLIHarness.run(base + ["--csv", whole, "--out", folder.appendingPathComponent("whole.jsonl").path]).status, 0)
        var shards: [String] = []
        for i in 1...2 {
            let path = folder.appendingPathComponent("s\(i).jsonl").path
            XCTAssertEqual(CLIHarness.run(base + ["--shard", "\(i)/2", "--out", path]).status, 0)
            shards.append(path)
        }
        let merge = CLIHarness.run(["merge"] + shards + ["--csv", merged])
        XCTAssertEqual(merge.status, 0, merge.err)
        let table = try rows(whole)
        XCTAssertEqual(table[0], ["scenario", "observation.k", "episodes", "horizon", "world.localAgents", "policy", "seed", "episode", "metric", "value"])
        XCTAssertEqual(table.count - 1, 2 * 3 * 2 * 2 * 2, "2 points × 3 policies × 2 seeds × 2 episodes × 2 metrics")
        XCTAssertEqual(Set(try rows(merged).dropFirst().map { $0.joined(separator: ",") }), Set(table.dropFirst().map { $0.joined(separator: ",") }))
    }

    func test_fields_areQuotedPerRFC4180() {
        var table = LongTable(pointColumns: ["name"])
        var stats = RunningStats()
        stats.add(1.5)
        stats.add(.infinity)
        table.add(scenario: "a,\"b\"", point: ["x\ny"], policy: "p", seed: 3, metrics: [("m", stats)])
        XCTAssertEqual(table.csv, "scenario,name,policy,seed,episode,metric,value\n\"a,\"\"b\"\"\",\"x\ny\",p,3,0,m,1.5\n\"a,\"\"b\"\"\",\"x\ny\",p,3,1,m,\n")
    }
}
