import XCTest
import Foundation
import Agents
import SimTestSupport
@testable import Scenarios

/// End-to-end checks of the time-series scenarios through the scenario loader and the engine session.
final class TimeSeriesScenarioTests: XCTestCase {
    private var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private func temporaryScenario(_ text: String, csv: String? = nil) -> String {
        let folder = makeTemporaryDirectory()
        if let csv { folder.write("data.csv", csv) }
        return folder.write("s.json5", text)
    }

    private func run(_ scenario: Scenario, policy: String, seed: UInt64? = nil) throws -> RunOutcome {
        var session = try scenario.makeSession(policy: policy, seed: seed)
        _ = try session.run(until: session.endTime, shouldStop: { false })
        return try session.finish()
    }

    func test_logisticScenario_runsEveryPolicy_andIsReproducible() throws {
        let path = temporaryScenario("""
        { name: "t", seed: 3, world: { kind: "logistic", rounds: 20, clients: 3 },
          policies: { m: { kind: "memoa" }, g: { kind: "greedy" }, r: { kind: "replay-only" }, n: { kind: "nash-n" } } }
        """)
        let scenario = try Scenario.load(file: path)
        for policy in ["m", "g", "r", "n"] {
            let a = try run(scenario, policy: policy), b = try run(scenario, policy: policy)
            XCTAssertEqual(a.metric("worstClientRMSE"), b.metric("worstClientRMSE"), policy)
            XCTAssertEqual(a.metric("naiveRMSE")?.mean, LogisticSeries.withRounds(20).data(seed: 3).persistenceRMSE)
        }
    }

    func test_generatedCSV_runs_andMalformedRowIsAScenarioErrorWithLine() throws {
        var csv = "date,a,y\n"
        for t in 0..<30 { csv += "d\(t),\(Double(t) * 0.1),\(sin(Double(t)))\n" }
        let text = """
        { name: "c", world: { kind: "csv", path: "data.csv", target: "y", inputs: [{ column: "a", lags: [0, 1] }],
          length: 20, normalization: "running", clients: 2 }, policies: { g: { kind: "greedy" } } }
        """
        let scenario = try Scenario.load(file: temporaryScenario(text, csv: csv))
        XCTAssertEqual(try run(scenario, policy: "g").metric("mixtureRMSE")?.count, 1)
        let broken = csv.replacingOccurrences(of: "d7,0.7000000000000001,", with: "d7,zz,")
        XCTAssertThrowsError(try Scenario.load(file: temporaryScenario(text, csv: broken))) { error in
            guard case .invalid(let issue)? = error as? ScenarioError else { return XCTFail("\(error)") }
            XCTAssertEqual(issue.line, 9)
            XCTAssertTrue(issue.file.hasSuffix("data.csv"), issue.file)
        }
    }

    func test_validationErrors_nameTheField() throws {
        let cases: [(String, String)] = [
            ("{ name: \"x\", world: { kind: \"logistic\", clients: 0 }, policies: { g: { kind: \"greedy\" } } }", "world.clients"),
            ("{ name: \"x\", world: { kind: \"logistic\" }, policies: { m: { kind: \"memoa\", q: 0 } } }", "policies.m.kind"),
            ("{ name: \"x\", world: { kind: \"logistic\", clients: 3 }, observation: { k: 4 }, policies: { m: { kind: \"memoa\" } } }", "observation.k"),
            ("{ name: \"x\", world: { kind: \"periodic\" }, policies: { m: { kind: \"memoa\", windw: 3 } } }", "policies.m.windw"),
            ("{ name: \"x\", world: { kind: \"csv\", path: \"missing.csv\", target: \"y\", inputs: [{ column: \"y\" }], length: 5 }, policies: { g: { kind: \"greedy\" } } }", "world.path"),
        ]
        for (text, path) in cases {
            XCTAssertThrowsError(try Scenario.load(file: temporaryScenario(text)), path) { error in
                XCTAssertEqual((error as? ScenarioError)?.path, path, "\(error)")
            }
        }
    }

    func test_kOfN_tracesGlobalObserve() throws {
        let path = temporaryScenario("""
        { name: "k", world: { kind: "periodic", rounds: 8, clients: 6 }, observation: { k: 2 },
          policies: { m: { kind: "memoa" } } }
        """)
        let scenario = try Scenario.load(file: path)
        XCTAssertEqual(try run(scenario, policy: "m").events, 8 * 4 + 1)
    }

    func test_shippedScenarios_validate_dataScenariosSkippedWithoutData() throws {
        let dir = repositoryRoot.appendingPathComponent("Scenarios")
        for name in ["ts-logistic", "ts-periodic", "ts-concept-drift", "ts-regime-switch", "ts-csv-small", "ts-n-sweep"] {
            XCTAssertNoThrow(try Scenario.load(file: dir.appendingPathComponent(name + ".json5").path), name)
        }
        let data = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: data.path) else {
            throw XCTSkip("../shared/data is absent: ts-ett and ts-boc not checked")
        }
        for name in ["ts-ett", "ts-boc", "ts-ett-seasonal"] {
            XCTAssertNoThrow(try Scenario.load(file: dir.appendingPathComponent(name + ".json5").path), name)
        }
    }

    /// Fixed-seed golden values of shipped scenarios, produced by `sim run … --out`.
    func test_goldenOutputs_ofShippedScenarios() throws {
        let dir = repositoryRoot.appendingPathComponent("Scenarios")
        let logistic = try Scenario.load(file: dir.appendingPathComponent("ts-logistic.json5").path)
        let memoa = try run(logistic, policy: "memoa")
        XCTAssertEqual(memoa.metric("mixtureRMSE")?.mean ?? 0, 0.21605577326379383, accuracy: 1e-12)
        XCTAssertEqual(memoa.metric("worstClientRMSE")?.mean ?? 0, 0.21795514508258138, accuracy: 1e-12)
        XCTAssertEqual(memoa.metric("worstClientCost")?.mean ?? 0, 10.71030002997832, accuracy: 1e-10)
        let csv = try Scenario.load(file: dir.appendingPathComponent("ts-csv-small.json5").path)
        let greedy = try run(csv, policy: "greedy")
        XCTAssertEqual(greedy.metric("mixtureRMSE")?.mean ?? 0, 0.4613271112583881, accuracy: 1e-12)
        XCTAssertEqual(greedy.metric("naiveRMSE")?.mean ?? 0, 0.21144863780428252, accuracy: 1e-12)
    }

    func test_policyEncoderOverride_isExplicit_andChangesTheClients() throws {
        let path = temporaryScenario("""
        { name: "o", world: { kind: "logistic", rounds: 15, clients: 3, encoder: { latentWidth: 2 } },
          policies: { shared: { kind: "greedy" }, own: { kind: "greedy", encoder: { kind: "rf", latentWidth: 4 } } } }
        """)
        let scenario = try Scenario.load(file: path)
        let world = try XCTUnwrap(scenario.world as? TimeSeriesScenarioWorld)
        XCTAssertNil(world.policies[0].policy.encoder)
        XCTAssertEqual(world.policies[1].policy.encoder, EncoderConfig(kind: .rf, latentWidth: 4, sigma: 1.0))
        XCTAssertNotEqual(try run(scenario, policy: "shared").metric("worstClientRMSE"),
                          try run(scenario, policy: "own").metric("worstClientRMSE"))
    }
}
