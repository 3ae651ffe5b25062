import Foundation
import SimTestSupport
import XCTest

/// The external-policy protocol's time-series roles end to end, against `ExternalPolicyFixture`: as a
/// client population (`kind: "external"` policy) it mirrors `persistence` or `greedy`, as a server
/// (`world.mixture: { kind: "external" }`) it mirrors `hedge`, and results and traces equal the
/// built-ins' byte for byte; a bad answer is exit 1 with one line naming the role, the message and the
/// cause, no results file and no process left behind.
final class ExternalTimeSeriesTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try CLIHarness.temporaryFolder(self)
    }

    /// A small logistic world with built-in clients and the fixture's (`ext`, in `mode`); `mixture` is
    /// the world's mixture member. `marker` lets a test find the fixture's processes.
    func scenario(mode: String = "--normal", timeout: Double = 5, marker: String = UUID().uuidString,
                  mixture: String = "{ kind: \"hedge\" }") throws -> String {
        let text = """
        {
          name: "external-ts-test", seed: 4, episodes: 2,
          world: { kind: "logistic", rounds: 25, clients: 6, mixture: \(mixture) },
          policies: {
            persistence: { kind: "persistence" },
            greedy: { kind: "greedy", window: 2, alpha: 0.001, gamma: 10 },
            memoa: { kind: "memoa", window: 3 },
            ext: { kind: "external", command: [\(try command(mode, marker))], timeout: \(timeout) },
          },
        }
        """
        let url = folder.appendingPathComponent("external-ts-\(UUID().uuidString.prefix(8)).json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The fixture's command line as JSON5 list entries.
    func command(_ mode: String, _ marker: String) throws -> String {
        "\"\(try ExternalFixture.path())\", \"\(mode)\", \"\(marker)\""
    }

    /// The external mixture member running the fixture in `mode`.
    func externalMixture(_ mode: String = "--normal", timeout: Double = 5, marker: String = UUID().uuidString,
                         persistence: Bool = false) throws -> String {
        "{ kind: \"external\", command: [\(try command(mode, marker))], timeout: \(timeout), persistence: \(persistence) }"
    }

    /// The results and trace of `policy`, with the policy's name replaced by "P".
    func outputs(_ file: String, policy: String, extra: [String] = []) throws -> (results: String, trace: String) {
        try ExternalFixture.outputs(file, policy: policy, in: folder, extra: extra)
    }

    func test_clientMirrorOfPersistence_isByteIdentical_resultsAndTrace() throws {
        let file = try scenario()
        let builtIn = try outputs(file, policy: "persistence"), ext = try outputs(file, policy: "ext")
        XCTAssertEqual(ext.results, builtIn.results)
        XCTAssertEqual(ext.trace, builtIn.trace)
        XCTAssertGreaterThan(ext.trace.split(separator: "\n").count, 50)
    }

    /// The greedy mirror answers controls too, so the realized costs' effort term matches as well.
    func test_clientMirrorOfGreedy_isByteIdentical_resultsAndTrace() throws {
        let file = try scenario(mode: "--greedy")
        let builtIn = try outputs(file, policy: "greedy"), ext = try outputs(file, policy: "ext")
        XCTAssertEqual(ext.results, builtIn.results)
        XCTAssertEqual(ext.trace, builtIn.trace)
        XCTAssertNotEqual(builtIn.results, try outputs(file, policy: "persistence").results, "the two mirrors must be told apart")
    }

    /// The hedge mirror as the server, under a game policy (which reads the weight history) and with the
    /// persistence expert weighing in; the built-in uniform mixture gives other numbers, and the
    /// fixture's uniform mirror gives those.
    func test_serverMirrorOfHedge_isByteIdentical_resultsAndTrace() throws {
        for (policy, persistence) in [("memoa", false), ("greedy", true)] {
            let builtIn = try outputs(try scenario(mixture: "{ kind: \"hedge\", persistence: \(persistence) }"), policy: policy)
            let ext = try outputs(try scenario(mixture: try externalMixture(persistence: persistence)), policy: policy)
            XCTAssertEqual(ext.results, builtIn.results, policy)
            XCTAssertEqual(ext.trace, builtIn.trace, policy)
            let uniform = try outputs(try scenario(mixture: "{ kind: \"uniform\", persistence: \(persistence) }"), policy: policy)
            XCTAssertNotEqual(uniform.results, builtIn.results, policy)
            let externalUniform = try outputs(try scenario(mixture: try externalMixture("--uniform", persistence: persistence)), policy: policy)
            XCTAssertEqual(externalUniform.results, uniform.results, policy)
        }
    }

    /// Every message of both roles has the members the repository's schema gives its type.
    func test_messages_matchTheSchema() throws {
        for (server, expected) in [(false, ["hello", "episode", "forecast", "outcome", "end"]), (true, ["hello", "episode", "mix", "end"])] {
            let messages = try ExternalFixture.recordedMessages(policy: server ? "greedy" : "ext", in: folder, name: "messages-\(server)") { log in
                server ? try scenario(mixture: try externalMixture("--record", marker: log)) : try scenario(mode: "--record", marker: log)
            }
            XCTAssertEqual(messages.types, Set(expected))
            let hello = messages.lines[0]
            XCTAssertTrue(hello.contains(server ? "\"role\":\"server\"" : "\"z\":{\"length\":36,\"shape\":[6,1,6]}"), String(hello))
        }
    }

    /// Exit 1, one line naming the role's policy, a message number and the cause; no results; the process reaped.
    func expectFailure(server: Bool, _ mode: String, cause: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        let marker = UUID().uuidString
        let scenarioFile = server ? try scenario(mixture: try externalMixture(mode, timeout: timeout, marker: marker))
                                  : try scenario(mode: mode, timeout: timeout, marker: marker)
        ExternalFixture.expectFailure(scenarioFile, policy: server ? "greedy" : "ext", name: server ? "world.mixture" : "ext",
                                      message: "3: ", cause: cause, marker: marker, in: folder, file: file, line: line)
    }

    func test_client_wrongNumberOfPredictions() throws {
        try expectFailure(server: false, "--short", cause: "expected 6 predictions (6 clients × d_y = 1), got 5")
    }
    func test_client_nonFinitePrediction() throws { try expectFailure(server: false, "--nan", cause: "predictions[0] is not finite (NaN)") }
    func test_client_noAnswerWithinTimeout() throws { try expectFailure(server: false, "--hang", cause: "no answer within 0.3 s", timeout: 0.3) }
    func test_client_exitsEarly() throws { try expectFailure(server: false, "--exit-early", cause: "status 3") }
    func test_server_wrongNumberOfWeights() throws { try expectFailure(server: true, "--short", cause: "expected 6 weights (one per client), got 5") }
    func test_server_nonFiniteWeight() throws { try expectFailure(server: true, "--nan", cause: "weights[0] is not finite (NaN)") }
    func test_server_noAnswerWithinTimeout() throws { try expectFailure(server: true, "--hang", cause: "no answer within 0.3 s", timeout: 0.3) }
    func test_server_exitsEarly() throws { try expectFailure(server: true, "--exit-early", cause: "status 3") }

    /// Neither a checkpoint nor the window-game exploitability can hold a role that lives in a process.
    func test_checkpointAndExploitability_areRefused() throws {
        let checkpoint = folder.appendingPathComponent("c.ckpt").path
        for (file, policy) in [(try scenario(), "ext"), (try scenario(mixture: try externalMixture()), "greedy")] {
            let result = CLIHarness.run(["run", file, "--policy", policy, "--no-progress", "--checkpoint", checkpoint])
            XCTAssertEqual(result.status, 2, result.err)
            XCTAssertTrue(result.err.contains("policy kind 'external' runs in its own process"), result.err)
            let gap = CLIHarness.run(["exploitability", file, "--policy", policy])
            XCTAssertEqual(gap.status, 2, gap.err)
            XCTAssertTrue(gap.err.contains(policy == "ext" ? "lives in its process" : "external mixture"), gap.err)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint))
    }

    func test_badSpecs_areScenarioErrors() throws {
        let client = "{ kind: \"persistence\" }"
        for (mixture, policy, expected) in [("{ kind: \"ridge\" }", "{ kind: \"external\", command: [\"x\"], role: \"global\" }", "policies.p.role"),
                                            ("{ kind: \"external\" }", client, "world.mixture.command"),
                                            ("{ kind: \"external\", command: [\"x\"], role: \"client\" }", client, "world.mixture.role")] {
            let text = "{ name: \"x\", world: { kind: \"logistic\", rounds: 5, mixture: \(mixture) }, policies: { p: \(policy) } }"
            let url = folder.appendingPathComponent("bad.json5")
            try text.write(to: url, atomically: true, encoding: .utf8)
            let result = CLIHarness.run(["validate", url.path])
            XCTAssertEqual(result.status, 2, "\(mixture) \(policy): \(result.err)")
            XCTAssertTrue(result.err.contains(expected), "\(mixture) \(policy): \(result.err)")
        }
    }
}
