import Foundation
import SimTestSupport
import XCTest

/// The external-policy protocol end to end, against `ExternalPolicyFixture` (a Swift program that
/// speaks it, well or badly): a mirror of mode-dispatch gives byte-identical results and traces, and
/// every failure mode is exit 1 with one line naming the policy, the message and the cause, no results
/// file, and no process left behind.
final class ExternalPolicyTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try CLIHarness.temporaryFolder(self)
    }

    var fixture: String { get throws { try ExternalFixture.path() } }

    /// A small ring-zones scenario with the built-in mode-dispatch and the fixture as `ext`; `marker`
    /// is an extra argument that lets a test find the fixture's processes.
    func scenario(mode: String = "--normal", timeout: Double = 5, marker: String = UUID().uuidString) throws -> String {
        let text = """
        {
          name: "external-test", seed: 3, horizon: 6, episodes: 3, gamma: 0.9,
          world: { kind: "ring-zones", localAgents: 200 },
          observation: { k: 7 },
          policies: {
            dispatch: { kind: "mode-dispatch", local: "follow" },
            ext: { kind: "external", command: [\(JSONString(try fixture)), "\(mode)", "\(marker)"], local: "follow", timeout: \(timeout) },
          },
        }
        """
        let url = folder.appendingPathComponent("external-\(UUID().uuidString.prefix(8)).json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func JSONString(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

    func run(_ file: String, policy: String, extra: [String] = []) -> (status: Int32, out: String, err: String) {
        ExternalFixture.run(file, policy: policy, extra: extra)
    }

    func test_mirrorOfModeDispatch_isByteIdentical_resultsAndTrace() throws {
        let file = try scenario()
        var outputs: [String: (results: String, trace: String)] = [:]
        for policy in ["dispatch", "ext"] { outputs[policy] = try ExternalFixture.outputs(file, policy: policy, in: folder) }
        XCTAssertEqual(outputs["ext"]?.results, outputs["dispatch"]?.results)
        XCTAssertEqual(outputs["ext"]?.trace, outputs["dispatch"]?.trace)
        XCTAssertGreaterThan(outputs["ext"]?.trace.split(separator: "\n").count ?? 0, 50)
    }

    /// Every message the simulator sends has exactly the members the repository's JSON schema gives its
    /// type: the required ones, and no others where the schema allows none.
    func test_messages_matchTheSchema() throws {
        let messages = try ExternalFixture.recordedMessages(policy: "ext", in: folder) { try scenario(mode: "--record", marker: $0) }
        XCTAssertEqual(messages.types, ["hello", "episode", "act", "reward", "end"])
    }

    /// The continuous-robots world hands its global decision (the target bin) out the same way.
    func test_robotsWorld_mirrorOfModeDispatch_isByteIdentical() throws {
        let text = """
        { name: "robots-external", seed: 5, horizon: 8, episodes: 2, gamma: 0.95,
          world: { kind: "robots-continuous", localAgents: 120 }, observation: { k: 9 },
          policies: { dispatch: { kind: "mode-dispatch", local: "follow" },
                      ext: { kind: "external", command: [\(JSONString(try fixture))], local: "follow" } } }
        """
        let file = folder.appendingPathComponent("robots.json5")
        try text.write(to: file, atomically: true, encoding: .utf8)
        var results: [String] = []
        for policy in ["dispatch", "ext"] {
            let out = folder.appendingPathComponent("robots-\(policy).json").path
            let result = run(file.path, policy: policy, extra: ["--out", out])
            XCTAssertEqual(result.status, 0, result.err)
            results.append(try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "\"\(policy)\"", with: "\"P\""))
        }
        XCTAssertEqual(results[0], results[1])
    }

    func test_compare_pairsItWithBuiltIns_underCommonRandomNumbers() throws {
        let json = folder.appendingPathComponent("c.json").path
        let result = CLIHarness.run(["compare", try scenario(), "--seeds", "1..3", "--json", json, "--no-progress"])
        XCTAssertEqual(result.status, 0, result.err)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let metrics = try XCTUnwrap(document["metrics"] as? [String: Any])
        let returns = try XCTUnwrap(metrics["discountedReturn"] as? [String: Any])
        let difference = try XCTUnwrap((returns["differences"] as? [String: Any])?["ext"] as? [String: Any])
        XCTAssertEqual(difference["mean"] as? Double, 0)
        XCTAssertEqual(difference["ties"] as? Int, 3)
    }

    /// Each failure: exit 1, one line naming the policy, a message number and the cause; no results
    /// file; the process reaped.
    func expectFailure(_ mode: String, cause: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        let marker = UUID().uuidString
        ExternalFixture.expectFailure(try scenario(mode: mode, timeout: timeout, marker: marker), policy: "ext", cause: cause,
                                      marker: marker, in: folder, file: file, line: line)
    }

    func test_exitsEarly() throws { try expectFailure("--exit-early", cause: "status 3") }
    func test_malformedLine() throws { try expectFailure("--malformed", cause: "malformed answer") }
    func test_wrongProtocolVersion() throws { try expectFailure("--wrong-version", cause: "wrong protocol version: the simulator speaks 1, the process answered 2") }
    func test_actionOutOfRange() throws { try expectFailure("--out-of-range", cause: "action 99 is out of range 0…4") }
    func test_actionOfTheWrongType() throws { try expectFailure("--wrong-type", cause: "expected \"action\": a whole number") }
    func test_noAnswerWithinTimeout() throws {
        let started = Date()
        try expectFailure("--hang", cause: "no answer within 0.3 s", timeout: 0.3)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    }

    func test_cannotStart() throws {
        let text = """
        { name: "x", horizon: 3, episodes: 1, world: { kind: "ring-zones", localAgents: 20 }, observation: { k: 3 },
          policies: { ext: { kind: "external", command: ["no-such-program-\(UUID().uuidString.prefix(6))"] } } }
        """
        let url = folder.appendingPathComponent("missing.json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let result = run(url.path, policy: "ext")
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("external policy 'ext': cannot start: 'no-such-program-"), result.err)
        XCTAssertTrue(result.err.contains("is not on PATH"), result.err)
    }

    /// A process that ignores `end` is ended after its timeout; the run itself succeeded.
    func test_processIgnoringEnd_isEndedAndReaped() throws {
        let marker = UUID().uuidString
        let result = run(try scenario(mode: "--ignore-end", timeout: 0.3, marker: marker), policy: "ext")
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(ExternalFixture.survivors(marker), [])
    }

    /// Standard error passes through, each line prefixed with the policy's name (through the binary,
    /// whose standard error the test reads).
    func test_standardError_passesThroughPrefixed() throws {
        let result = try CLIHarness.runBinary(["run", try scenario(mode: "--stderr"), "--policy", "ext", "--no-progress"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("[ext] episode 0\n[ext] episode 1\n[ext] episode 2\n"), result.err)
    }

    /// A checkpoint cannot hold an external process's state, so such runs refuse `--checkpoint`.
    func test_checkpointOfAnExternalRun_isRefused() throws {
        let checkpoint = folder.appendingPathComponent("c.ckpt").path
        let result = run(try scenario(), policy: "ext", extra: ["--checkpoint", checkpoint])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertTrue(result.err.contains("policy kind 'external' runs in its own process, whose state a checkpoint cannot hold"), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint))
    }

    func test_badSpecs_areScenarioErrors() throws {
        for (policy, expected) in [("{ kind: \"external\" }", "command"), ("{ kind: \"external\", command: [] }", "command"),
                                   ("{ kind: \"external\", command: [\"x\"], role: \"server\" }", "role"),
                                   ("{ kind: \"external\", command: [\"x\"], timeout: 0 }", "timeout")] {
            let text = "{ name: \"x\", world: { kind: \"ring-zones\", localAgents: 20 }, observation: { k: 3 }, policies: { ext: \(policy) } }"
            let url = folder.appendingPathComponent("bad.json5")
            try text.write(to: url, atomically: true, encoding: .utf8)
            let result = CLIHarness.run(["validate", url.path])
            XCTAssertEqual(result.status, 2, "\(policy): \(result.out) \(result.err)")
            XCTAssertTrue(result.err.contains("policies.ext.\(expected)"), "\(policy): \(result.err)")
        }
    }

    /// The message types in `log` (one message a line), each message checked against the repository's
    /// JSON schema: the members its type requires, and no others where the schema allows none.
    static func messageTypesCheckedAgainstTheSchema(log: String, file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let schemaURL = CLIHarness.root.appendingPathComponent("Scenarios/external/protocol.schema.json")
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        let definitions = try XCTUnwrap(schema["$defs"] as? [String: [String: Any]])
        var seen: Set<String> = []
        for text in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
            let message = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let type = try XCTUnwrap(message["type"] as? String)
            let definition = try XCTUnwrap(definitions[type], "no schema for '\(type)'")
            let required = Set(definition["required"] as? [String] ?? []), allowed = Set((definition["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
            XCTAssertTrue(required.isSubset(of: Set(message.keys)), "\(type) lacks \(required.subtracting(message.keys))", file: file, line: line)
            if definition["additionalProperties"] as? Bool == false {
                XCTAssertTrue(Set(message.keys).isSubset(of: allowed), "\(type) has \(Set(message.keys).subtracting(allowed))", file: file, line: line)
            }
            seen.insert(type)
        }
        return seen
    }
}

