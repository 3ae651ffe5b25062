import Foundation
import SimTestSupport
import XCTest

/// The federated world's roles handed to a process (`kind: "external"`, `role: "server"` or
/// `"client"`), against `ExternalPolicyFixture`, which answers as FedAvg with its defaults: the
/// server's step of every aggregation, or every sampled client's step size in one message per
/// synchronous round (one per job in asynchronous mode), gives results and traces byte-identical to the
/// built-in `fedavg`; a bad answer is exit 1 with one line naming the policy, the message and the cause,
/// no results file and no process left behind.
final class ExternalFedOptPolicyTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try CLIHarness.temporaryFolder(self)
    }

    func scenario(mode: String = "--normal", timeout: Double = 5, marker: String = UUID().uuidString, world: String = "mode: \"sync\"",
                  extraPolicy: String = "") throws -> String {
        let command = "[\"\(try ExternalFixture.path())\", \"\(mode)\", \"\(marker)\"]"
        let text = """
        {
          name: "fedopt-external", seed: 5, horizon: 8, episodes: 2, gamma: 0.9,
          world: { kind: "fedopt", clients: 30, dimension: 4, condition: 10, localSteps: 3, \(world) },
          observation: { k: 5 },
          policies: {
            fedavg: { kind: "fedavg" },
            server: { kind: "external", command: \(command), timeout: \(timeout) },
            client: { kind: "external", role: "client", command: \(command), timeout: \(timeout) },
            \(extraPolicy)
          },
        }
        """
        let url = folder.appendingPathComponent("fedopt-\(UUID().uuidString.prefix(8)).json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ file: String, policy: String, extra: [String] = []) -> (status: Int32, out: String, err: String) {
        ExternalFixture.run(file, policy: policy, extra: extra)
    }

    private func assertMirrors(world: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let scenario = try scenario(world: world)
        var outputs: [String: (results: String, trace: String)] = [:]
        for policy in ["fedavg", "server", "client"] {
            let run = try ExternalFixture.outputs(scenario, policy: policy, in: folder, file: file, line: line)
            // The trace names the policy's kind once per run: "external" for both roles.
            outputs[policy] = (run.results, run.trace.replacingOccurrences(of: "\"external\"", with: "\"fedavg\""))
        }
        for policy in ["server", "client"] {
            XCTAssertEqual(outputs[policy]?.results, outputs["fedavg"]?.results, policy, file: file, line: line)
            XCTAssertEqual(outputs[policy]?.trace, outputs["fedavg"]?.trace, policy, file: file, line: line)
        }
        XCTAssertGreaterThan(outputs["fedavg"]?.trace.split(separator: "\n").count ?? 0, 10, file: file, line: line)
    }

    func test_fedAvgMirror_sync_isByteIdentical_resultsAndTrace() throws { try assertMirrors(world: "mode: \"sync\"") }
    func test_fedAvgMirror_async_isByteIdentical_resultsAndTrace() throws { try assertMirrors(world: "mode: \"async\", buffer: 2") }

    /// The hello describes each role's spaces (`server` is the default role); the client role gets one message per synchronous round
    /// with every sampled client; every message matches the schema.
    func test_messages_matchTheSchema_andHelloDescribesTheSpaces() throws {
        for role in ["server", "client"] {
            let messages = try ExternalFixture.recordedMessages(policy: role, in: folder, name: role) { try scenario(mode: "--record", marker: $0) }
            XCTAssertEqual(messages.types, ["hello", "episode", "act", "reward", "end"])
            let lines = messages.lines
            XCTAssertTrue(lines[0].contains("\"role\":\"\(role)\",\"world\":\"fedopt\""), String(lines[0]))
            let act = try XCTUnwrap(lines.first { $0.contains("\"act\"") }.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            XCTAssertEqual((act["clientLosses"] as? [Any])?.count, 5)
            XCTAssertGreaterThan((act["excessLoss"] as? NSNumber)?.doubleValue ?? 0, 0)
            if role == "server" {
                XCTAssertTrue(lines[0].contains("\"observation\":{\"excessLoss\":{\"minimum\":0},\"clientLosses\":{\"length\":5}},\"action\":{\"minimum\":0,\"maximum\":100}"), String(lines[0]))
                XCTAssertNil(act["clients"])
            } else {
                XCTAssertTrue(lines[0].contains("\"action\":{\"length\":5,\"minimum\":1e-12,\"exclusiveMaximum\":0.2}"), String(lines[0]))
                XCTAssertEqual((act["clients"] as? [Any])?.count, 5)
            }
        }
    }

    private func expectFailure(_ mode: String, policy: String, cause: String, timeout: Double = 5,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let marker = UUID().uuidString
        ExternalFixture.expectFailure(try scenario(mode: mode, timeout: timeout, marker: marker), policy: policy, cause: cause,
                                      marker: marker, in: folder, file: file, line: line)
    }

    func test_server_rateOutOfRange() throws { try expectFailure("--out-of-range", policy: "server", cause: "action -1 is out of range [0, 100]") }
    func test_server_rateOfTheWrongType() throws { try expectFailure("--wrong-type", policy: "server", cause: "expected \"action\": a number") }
    func test_server_noAnswerWithinTimeout() throws { try expectFailure("--hang", policy: "server", cause: "no answer within 0.3 s", timeout: 0.3) }
    func test_client_stepOutOfRange() throws { try expectFailure("--out-of-range", policy: "client", cause: "actions[0] = 99 is out of range [1e-12, 0.2)") }
    func test_client_wrongNumberOfSteps() throws { try expectFailure("--short", policy: "client", cause: "expected 5 actions, one per client, got 4") }
    func test_client_stepOfTheWrongType() throws { try expectFailure("--wrong-type", policy: "client", cause: "actions[0] is not a number") }
    func test_client_malformedLine() throws { try expectFailure("--malformed", policy: "client", cause: "malformed answer") }

    /// Roles the world does not have, and the fixed half of the other role, are scenario errors.
    func test_badSpecs_areScenarioErrors() throws {
        for (policy, expected) in [("{ kind: \"external\", command: [\"x\"], role: \"global\" }", "role"),
                                   ("{ kind: \"external\", command: [\"x\"], role: \"server\", serverStep: 2 }", "serverStep"),
                                   ("{ kind: \"external\", command: [\"x\"], role: \"client\", localStepSize: 0.01 }", "localStepSize"),
                                   ("{ kind: \"external\", command: [\"x\"], localStepSize: 0.5 }", "localStepSize")] {
            let file = try scenario(extraPolicy: "bad: \(policy),")
            let result = CLIHarness.run(["validate", file])
            XCTAssertEqual(result.status, 2, "\(policy): \(result.out) \(result.err)")
            XCTAssertTrue(result.err.contains("policies.bad.\(expected)"), "\(policy): \(result.err)")
        }
    }

    func test_checkpointOfAnExternalRun_isRefused() throws {
        let checkpoint = folder.appendingPathComponent("c.ckpt").path
        let result = run(try scenario(), policy: "client", extra: ["--checkpoint", checkpoint])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertTrue(result.err.contains("runs in its own process, whose state a checkpoint cannot hold"), result.err)
    }
}
