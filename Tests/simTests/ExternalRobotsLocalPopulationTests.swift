import Foundation
import SimTestSupport
import XCTest

/// The continuous robots' local role handed to a process (`local: { kind: "external", … }`), against
/// `ExternalPolicyFixture`, which answers as the robots' built-in `follow` rule from the positions it
/// is sent: one message per tick with s_g and every position (numbers that read back exactly) and one
/// answer with every move give results and traces byte-identical to `local: "follow"`, with the global
/// agent built in or external too; a bad answer is exit 1 with one line naming the policy, the message
/// and the cause, no results file and no process left behind.
final class ExternalRobotsLocalPopulationTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try CLIHarness.temporaryFolder(self)
    }

    func scenario(mode: String = "--normal", timeout: Double = 5, marker: String = UUID().uuidString, extraPolicy: String = "") throws -> String {
        let fixture = try ExternalFixture.path()
        let command = "[\"\(fixture)\", \"\(mode)\", \"\(marker)\"]"
        let text = """
        {
          name: "robots-external-local", seed: 4, horizon: 7, episodes: 2, gamma: 0.95,
          world: { kind: "robots-continuous", localAgents: 150 },
          observation: { k: 9 },
          policies: {
            follow: { kind: "mode-dispatch", local: "follow" },
            ext: { kind: "mode-dispatch", local: { kind: "external", command: \(command), timeout: \(timeout) } },
            both: { kind: "external", command: ["\(fixture)", "--normal", "\(marker)-g"],
                    local: { kind: "external", command: \(command), timeout: \(timeout) } },
            \(extraPolicy)
          },
        }
        """
        let url = folder.appendingPathComponent("robots-local-\(UUID().uuidString.prefix(8)).json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ file: String, policy: String, extra: [String] = []) -> (status: Int32, out: String, err: String) {
        ExternalFixture.run(file, policy: policy, extra: extra)
    }

    func test_followMirror_isByteIdentical_resultsAndTrace() throws {
        let file = try scenario()
        var outputs: [String: (results: String, trace: String)] = [:]
        for policy in ["follow", "ext", "both"] { outputs[policy] = try ExternalFixture.outputs(file, policy: policy, in: folder) }
        XCTAssertEqual(outputs["ext"]?.results, outputs["follow"]?.results)
        XCTAssertEqual(outputs["ext"]?.trace, outputs["follow"]?.trace)
        XCTAssertEqual(outputs["both"]?.results, outputs["follow"]?.results)
        XCTAssertEqual(outputs["both"]?.trace, outputs["follow"]?.trace)
        XCTAssertGreaterThan(outputs["ext"]?.trace.split(separator: "\n").count ?? 0, 30)
    }

    /// The fixture's moves differ from the `random` placeholder rule's: the mirror test above can fail.
    func test_externalMovesAreNotThePlaceholder() throws {
        let file = try scenario(extraPolicy: "random: { kind: \"mode-dispatch\", local: \"random\" },")
        ExternalFixture.expectDifferentResults(file, policy: "ext", from: "random")
    }

    /// The hello describes the spaces (intervals, the moves), and every message matches the schema.
    func test_messages_matchTheSchema_andHelloDescribesTheSpaces() throws {
        let messages = try ExternalFixture.recordedMessages(policy: "ext", in: folder) { try scenario(mode: "--record", marker: $0) }
        XCTAssertEqual(messages.types, ["hello", "episode", "act", "reward", "end"])
        let lines = messages.lines
        XCTAssertTrue(lines[0].contains("\"role\":\"local\",\"world\":\"robots-continuous\""), String(lines[0]))
        XCTAssertTrue(lines[0].contains("\"observation\":{\"globalState\":{\"range\":[-2,2]},\"states\":{\"length\":150,\"range\":[-2,2]}},"
                                        + "\"action\":{\"size\":3,\"length\":150,\"values\":[0,0.05,-0.05]}"), String(lines[0]))
        let act = try XCTUnwrap(lines.first { $0.contains("\"act\"") })
        let states = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(act.utf8)) as? [String: Any])?["states"] as? [Double])
        XCTAssertEqual(states.count, 150)
        XCTAssertTrue(states.contains { $0 != $0.rounded() }, "positions are sent as numbers, not bins")
    }

    private func expectFailure(_ mode: String, cause: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        let marker = UUID().uuidString
        ExternalFixture.expectFailure(try scenario(mode: mode, timeout: timeout, marker: marker), policy: "ext", cause: cause,
                                      marker: marker, in: folder, file: file, line: line)
    }

    func test_moveOutOfRange() throws { try expectFailure("--out-of-range", cause: "message 3: actions[0] = 99 is out of range 0…2") }
    func test_wrongNumberOfMoves() throws { try expectFailure("--short", cause: "expected 150 actions, one per agent, got 149") }
    func test_noAnswerWithinTimeout() throws { try expectFailure("--hang", cause: "no answer within 0.3 s", timeout: 0.3) }

    func test_learnedKindWithAnExternalLocalPopulation_isRefusedByValidation() throws {
        let file = try scenario(extraPolicy: "learned: { kind: \"g-learn\", local: { kind: \"external\", command: [\"x\"] } },")
        let result = CLIHarness.run(["validate", file])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertTrue(result.err.contains("policies.learned.local") && result.err.contains("cannot be planned for"), result.err)
    }
}
