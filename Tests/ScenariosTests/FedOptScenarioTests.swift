import XCTest
@testable import Scenarios
import Agents
import Engine

final class FedOptScenarioTests: XCTestCase {
    static func scenario(world extra: String = "", policy: String = "localStepSize: 0.05", top: String = "") throws -> Scenario {
        let text = """
        { name: "fed", seed: 5, horizon: 60, episodes: 6 \(top),
          world: { kind: "fedopt", clients: 100, dimension: 10, heterogeneity: 0.2, condition: 10, targetLoss: 0.05 \(extra) },
          observation: { k: 10 },
          policies: { fedavg: { kind: "fedavg", \(policy) } } }
        """
        return try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "fed.json5"))
    }

    static func outcome(_ scenario: Scenario, seed: UInt64 = 5) throws -> RunOutcome {
        var session = try scenario.makeSession(seed: seed)
        _ = try session.run(until: session.endTime, shouldStop: { false })
        return try session.finish()
    }

    func test_divergentLocalStep_isRejectedWithTheBound() {
        XCTAssertThrowsError(try Self.scenario(policy: "localStepSize: 0.25")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "policies.fedavg.localStepSize")
            XCTAssertTrue("\(error)".contains("< 0.2"), "\(error)")
        }
    }

    func test_bufferLargerThanK_andScheduleEntries_areRejected() {
        XCTAssertThrowsError(try Self.scenario(world: ", mode: \"async\", buffer: 11")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "world.buffer")
        }
        XCTAssertThrowsError(try Self.scenario(top: ", schedule: { globalStep: { every: 1 } }")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "schedule")
        }
    }

    func test_deadline_reducesSimulatedTimeToTarget_atAFixedSeed() throws {
        let plain = try Self.outcome(try Self.scenario())
        let deadline = try Self.outcome(try Self.scenario(world: ", deadline: 1.5"))
        let slow = try XCTUnwrap(plain.metric("simulatedTimeToTarget")), fast = try XCTUnwrap(deadline.metric("simulatedTimeToTarget"))
        XCTAssertGreaterThanOrEqual(fast.count, slow.count, "the deadline never loses episodes that reach the target")
        XCTAssertLessThan(fast.mean, slow.mean, "deadline \(fast.mean) vs none \(slow.mean)")
        XCTAssertEqual(plain.series.map(\.name), ["globalLossByTime", "globalLossByRound"])
    }

    func test_learnedPolicies_trainOnTheAbstraction_andRun() throws {
        let learned = try Self.scenario(world: ", abstractionRuns: 6, abstractionRounds: 15", policy: "localStepSize: 0.05 }, "
                                        + "glearn: { kind: \"g-learn\", localAction: 2 }, amarl: { kind: \"alternating-marl\", outerIterations: 2, evalEpisodes: 2")
        for policy in ["glearn", "amarl"] {
            var session = try learned.makeSession(policy: policy, seed: 5)
            _ = try session.run(until: session.endTime, shouldStop: { false })
            let outcome = try session.finish()
            XCTAssertGreaterThan(try XCTUnwrap(outcome.metric("roundsToTarget")).count, 3, policy)
        }
    }

    func test_learnedPolicy_inAsyncMode_isRejected() {
        XCTAssertThrowsError(try Self.scenario(world: ", mode: \"async\", buffer: 5",
                                               policy: "localStepSize: 0.05 }, g: { kind: \"g-learn\"")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "policies.g.kind")
        }
    }

    func test_async_runsAndReachesTheTarget() throws {
        let outcome = try Self.outcome(try Self.scenario(world: ", mode: \"async\", buffer: 5"))
        XCTAssertGreaterThan(try XCTUnwrap(outcome.metric("roundsToTarget")).count, 0)
        XCTAssertGreaterThan(try XCTUnwrap(outcome.metric("messages")).mean, 0)
    }
}
