import XCTest
import Foundation
import Agents
import SimTestSupport
@testable import Scenarios

/// The scenario keys `anchor`, `criterion` (with `worstCost`, `meanWeight`, `worstWeights` and `weightRate`),
/// `kind: "persistence"` and
/// `mixture.persistence`.
final class TimeSeriesPolicyKeysTests: XCTestCase {
    private func load(_ text: String) throws -> Scenario {
        try Scenario.load(file: makeTemporaryDirectory().write("s.json5", text))
    }

    private func policy<P: ForecastPolicy>(_ scenario: Scenario, _ name: String, as type: P.Type) throws -> P {
        let world = try XCTUnwrap(scenario.world as? TimeSeriesScenarioWorld)
        return try XCTUnwrap(world.policies.first { $0.name == name }?.policy as? P)
    }

    func test_keys_areRead_withTheirDefaults() throws {
        let scenario = try load("""
        { name: "k", world: { kind: "logistic", rounds: 12, clients: 3, mixture: { kind: "hedge", persistence: true } },
          policies: { m: { kind: "memoa" }, w: { kind: "memoa", criterion: "worstClient", tolerance: 1e-4, maxIterations: 50, anchor: "last" },
                      f: { kind: "memoa", criterion: "worstClient", worstCost: "forecastError", meanWeight: 0.5 },
                      o: { kind: "memoa", criterion: "worstClient", worstCost: "forecastError", worstWeights: "online", weightRate: 2 },
                      g: { kind: "greedy", anchor: "last" }, p: { kind: "persistence" } } }
        """)
        XCTAssertEqual(try policy(scenario, "m", as: MemoaPolicy.self).game.anchor, .replay)
        XCTAssertEqual(try policy(scenario, "m", as: MemoaPolicy.self).criterion, .meanField)
        XCTAssertEqual(try policy(scenario, "w", as: MemoaPolicy.self).criterion, .worstClient(WorstClientSolver(tolerance: 1e-4, maxIterations: 50)))
        XCTAssertEqual(try policy(scenario, "w", as: MemoaPolicy.self).game.anchor, .last)
        XCTAssertEqual(try policy(scenario, "f", as: MemoaPolicy.self).criterion,
                       .worstClient(WorstClientSolver(cost: .forecastError, meanWeight: 0.5)))
        XCTAssertEqual(try policy(scenario, "f", as: MemoaPolicy.self).criterion,
                       .worstClient(WorstClientSolver(cost: .forecastError, meanWeight: 0.5, weights: .window)))
        XCTAssertEqual(try policy(scenario, "o", as: MemoaPolicy.self).criterion,
                       .worstClient(WorstClientSolver(cost: .forecastError, weights: .online(rate: 2))))
        XCTAssertEqual(try policy(scenario, "g", as: GreedyPolicy.self).anchor, .last)
        XCTAssertEqual(try policy(scenario, "p", as: PersistencePolicy.self).kind, "persistence")
        XCTAssertTrue(try XCTUnwrap(scenario.world as? TimeSeriesScenarioWorld).setup.persistenceExpert)
        for policy in ["m", "w", "f", "o", "g", "p"] {
            var session = try scenario.makeSession(policy: policy, seed: 1)
            _ = try session.run(until: session.endTime, shouldStop: { false })
            XCTAssertTrue(try session.finish().metric("worstClientRegret")?.mean.isFinite ?? false, policy)
        }
    }

    func test_badKeys_nameTheField() throws {
        let cases: [(String, String)] = [
            ("policies: { m: { kind: \"memoa\", criterion: \"worst\" } }", "policies.m.criterion"),
            ("policies: { g: { kind: \"greedy\", anchor: \"first\" } }", "policies.g.anchor"),
            ("policies: { m: { kind: \"memoa\", criterion: \"worstClient\", worstCost: \"max\" } }", "policies.m.worstCost"),
            ("policies: { m: { kind: \"memoa\", criterion: \"worstClient\", meanWeight: 2 } }", "policies.m.meanWeight"),
            ("policies: { m: { kind: \"memoa\", criterion: \"worstClient\", worstWeights: \"online\" } }", "policies.m.worstWeights"),
            ("policies: { m: { kind: \"memoa\", criterion: \"worstClient\", worstCost: \"forecastError\", worstWeights: \"online\", weightRate: 0 } }",
             "policies.m.weightRate"),
            ("policies: { p: { kind: \"persistence\", anchor: \"last\" } }", "policies.p.anchor"),
            ("observation: { k: 2 }, policies: { w: { kind: \"memoa\", criterion: \"worstClient\" } }", "policies.w.criterion"),
        ]
        for (policies, path) in cases {
            XCTAssertThrowsError(try load("{ name: \"x\", world: { kind: \"periodic\", clients: 4 }, \(policies) }"), path) { error in
                XCTAssertEqual((error as? ScenarioError)?.path, path, "\(error)")
            }
        }
    }
}
