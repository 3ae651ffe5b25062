import Foundation
import XCTest

/// `outputs.trace.agents` in worlds whose population is stepped by one event: the `policyStep` lines
/// carry the selected agents' fields, and without the filter they carry none (traces unchanged).
final class TraceAgentsTests: XCTestCase {
    func policyStepLines(_ scenario: String, filter: String?) throws -> [[String: Any]] {
        let folder = try CLIHarness.temporaryFolder(self)
        let trace = folder.appendingPathComponent("t.jsonl").path
        var arguments = ["run", CLIHarness.root.appendingPathComponent("Scenarios/\(scenario)").path, "--set", "episodes=1",
                         "--set", "horizon=3", "--trace", trace, "--trace-kinds", "policyStep", "--no-progress"]
        if let filter { arguments += ["--set", "outputs.trace=\(filter)"] }
        let result = CLIHarness.run(arguments + ["--policy", "dispatch-follow"])
        XCTAssertEqual(result.status, 0, result.err)
        let text = try String(contentsOfFile: trace, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func test_tabularPolicyStep_carriesTheSelectedAgents() throws {
        let lines = try policyStepLines("quickstart.json5", filter: "{agents: [2, 4]}")
        XCTAssertEqual(lines.count, 3)
        for line in lines {
            XCTAssertEqual(line["agents"] as? [Int], [2, 4])
            for key in ["states", "actions", "nextStates"] { XCTAssertEqual((line[key] as? [Int])?.count, 3, key) }
            XCTAssertEqual((line["localRewards"] as? [Double])?.count, 3)
        }
        let plain = try policyStepLines("quickstart.json5", filter: nil)
        XCTAssertNil(plain[0]["agents"], "no agent fields without the filter")
    }

    func test_robotsPolicyStep_carriesTheSelectedRobots() throws {
        let lines = try policyStepLines("robots-continuous.json5", filter: "{agents: [0, 1]}")
        XCTAssertEqual(lines.count, 3)
        for line in lines {
            XCTAssertEqual(line["agents"] as? [Int], [0, 1])
            for key in ["positions", "moves", "localRewards", "nextPositions"] { XCTAssertEqual((line[key] as? [Double])?.count, 2, key) }
        }
    }
}

/// `sim run --trace` without `--policy`: one trace, every line tagged with its policy, the policies'
/// runs in scenario order, each run's lines identical (but for the tag) to a one-policy trace.
final class MultiPolicyTraceTests: XCTestCase {
    func lines(_ folder: URL, _ extra: [String]) throws -> [String] {
        let trace = folder.appendingPathComponent("t-\(extra.count).jsonl").path
        let result = CLIHarness.run(["run", CLIHarness.quickstart, "--no-progress", "--trace", trace] + CLIHarness.small + extra)
        XCTAssertEqual(result.status, 0, result.err)
        return try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func test_everyPolicyTraced_withAPolicyFieldOnEveryLine() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let all = try lines(folder, [])
        var policies: [String] = []
        for line in all {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let policy = try XCTUnwrap(object["policy"] as? String, line)
            if policies.last != policy { policies.append(policy) }
        }
        XCTAssertEqual(policies, ["random", "dispatch", "dispatch-follow"], "one block per policy, in scenario order")
        for policy in policies {
            let single = try lines(folder, ["--policy", policy])
            XCTAssertFalse(single[0].contains("\"policy\""), "a one-policy trace is untagged")
            let tagged = all.filter { $0.contains("\"policy\":\"\(policy)\"") }
                .map { $0.replacingOccurrences(of: "\"policy\":\"\(policy)\",", with: "") }
            XCTAssertEqual(tagged, single, policy)
        }
    }

    func test_checkpointedTraceOfSeveralPolicies_isRefused() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let result = CLIHarness.run(["run", CLIHarness.quickstart, "--trace", folder.appendingPathComponent("t.jsonl").path,
                                     "--checkpoint", folder.appendingPathComponent("c.ckpt").path] + CLIHarness.small)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("--trace with --checkpoint needs --policy"), result.err)
    }
}
