import Foundation
import SimTestSupport
import XCTest

/// The external-policy protocol's local-population role end to end (`local: { kind: "external", … }`),
/// against `ExternalPolicyFixture`, which answers as the built-in `follow` rule: one message per tick
/// with every agent's state and one answer with every agent's action gives results and traces
/// byte-identical to `local: "follow"`, whatever the thread count; a bad answer is exit 1 with one line
/// naming the policy, the message and the cause, no results file and no process left behind.
final class ExternalLocalPopulationTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try CLIHarness.temporaryFolder(self)
    }

    var fixture: String { get throws { try ExternalFixture.path() } }

    /// Ring-zones with mode-dispatch over the built-in `follow` locals (`follow`) and over the fixture's
    /// (`ext`); `marker` lets a test find the fixture's processes.
    func scenario(mode: String = "--normal", timeout: Double = 5, marker: String = UUID().uuidString, extraPolicy: String = "") throws -> String {
        let command = "[\"\(try fixture)\", \"\(mode)\", \"\(marker)\"]"
        let text = """
        {
          name: "external-local-test", seed: 5, horizon: 6, episodes: 3, gamma: 0.9,
          world: { kind: "ring-zones", localAgents: 300 },
          observation: { k: 7 },
          policies: {
            follow: { kind: "mode-dispatch", local: "follow" },
            ext: { kind: "mode-dispatch", local: { kind: "external", command: \(command), timeout: \(timeout) } },
            \(extraPolicy)
          },
        }
        """
        let url = folder.appendingPathComponent("external-local-\(UUID().uuidString.prefix(8)).json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ file: String, policy: String, extra: [String] = []) -> (status: Int32, out: String, err: String) {
        ExternalFixture.run(file, policy: policy, extra: extra)
    }

    func test_followMirror_isByteIdentical_resultsAndTrace_onAnyThreadCount() throws {
        let file = try scenario()
        var outputs: [String: (results: String, trace: String)] = [:]
        for (policy, threads) in [("follow", "1"), ("ext", "1"), ("ext", "2")] {
            outputs["\(policy)-\(threads)"] = try ExternalFixture.outputs(file, policy: policy, in: folder, extra: ["--threads", threads])
        }
        XCTAssertEqual(outputs["ext-1"]?.results, outputs["follow-1"]?.results)
        XCTAssertEqual(outputs["ext-1"]?.trace, outputs["follow-1"]?.trace)
        XCTAssertEqual(outputs["ext-2"]?.results, outputs["follow-1"]?.results)
        XCTAssertGreaterThan(outputs["ext-1"]?.trace.split(separator: "\n").count ?? 0, 50)
    }

    /// The fixture's answers differ from a uniform local table's: the mirror test above can fail.
    func test_externalLocalsAreNotTheUniformPlaceholder() throws {
        let file = try scenario(extraPolicy: "uniform: { kind: \"mode-dispatch\" },")
        ExternalFixture.expectDifferentResults(file, policy: "ext", from: "uniform")
    }

    /// The local role's messages match the repository's schema, like the global role's.
    func test_messages_matchTheSchema() throws {
        let messages = try ExternalFixture.recordedMessages(policy: "ext", in: folder) { try scenario(mode: "--record", marker: $0) }
        XCTAssertEqual(messages.types, ["hello", "episode", "act", "reward", "end"])
        let hello = messages.lines[0]
        XCTAssertTrue(hello.contains("\"role\":\"local\"") && hello.contains("\"states\":{\"length\":300,\"size\":5}"), String(hello))
    }

    private func expectFailure(_ mode: String, cause: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        let marker = UUID().uuidString
        ExternalFixture.expectFailure(try scenario(mode: mode, timeout: timeout, marker: marker), policy: "ext", cause: cause,
                                      marker: marker, in: folder, file: file, line: line)
    }

    func test_actionOutOfRange() throws { try expectFailure("--out-of-range", cause: "actions[0] = 99 is out of range 0…2") }
    func test_wrongNumberOfActions() throws { try expectFailure("--short", cause: "expected 300 actions, one per agent, got 299") }
    func test_malformedLine() throws { try expectFailure("--malformed", cause: "malformed answer") }
    func test_exitsEarly() throws { try expectFailure("--exit-early", cause: "status 3") }
    func test_noAnswerWithinTimeout() throws { try expectFailure("--hang", cause: "no answer within 0.3 s", timeout: 0.3) }

    func test_learnedKindWithAnExternalLocalPopulation_isRefusedByValidation() throws {
        let file = try scenario(extraPolicy: "learned: { kind: \"g-learn\", local: { kind: \"external\", command: [\"x\"] } },")
        let result = CLIHarness.run(["validate", file])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertTrue(result.err.contains("policies.learned.local"), result.err)
    }
}
