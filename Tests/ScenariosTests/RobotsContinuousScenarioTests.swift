import XCTest
@testable import Scenarios
import Agents
import Engine

/// The `robots-continuous` world as scenarios build it: validation with field paths, and the policy
/// comparisons Sources/Agents/README.md, "Continuous robots" is about (small, fixed seeds; the 10-seed tables
/// are in the issue report).
final class RobotsContinuousScenarioTests: XCTestCase {
    static func scenario(_ extra: String = "", k: Int = 10, episodes: Int = 4, policies: String = "") throws -> Scenario {
        let text = """
        { name: "robots", seed: 3, horizon: 50, episodes: \(episodes),
          world: { kind: "robots-continuous", localAgents: 200 \(extra) },
          observation: { k: \(k) },
          policies: { random: { kind: "random" }, follow: { kind: "mode-dispatch", local: "follow" } \(policies) } }
        """
        return try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "robots.json5"))
    }

    static func meanReturn(_ scenario: Scenario, policy: String, seed: UInt64) throws -> Double {
        var session = try scenario.makeSession(policy: policy, seed: seed)
        _ = try session.run(until: session.endTime, shouldStop: { false })
        return try XCTUnwrap(try session.finish().metric("discountedReturn")).mean
    }

    func test_unknownWorldKey_isRejectedWithItsPath() {
        XCTAssertThrowsError(try Self.scenario(", clusterSpred: 0.3")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "world.clusterSpred")
            XCTAssertTrue("\(error)".contains("did you mean 'clusterSpread'?"), "\(error)")
        }
    }

    func test_kAboveN_isRejectedAtObservationK() {
        XCTAssertThrowsError(try Self.scenario(k: 201)) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "observation.k")
        }
    }

    func test_dispatchFollow_beatsRandom_onEverySeed() throws {
        let scenario = try Self.scenario()
        for seed: UInt64 in 1...3 {
            let random = try Self.meanReturn(scenario, policy: "random", seed: seed)
            let follow = try Self.meanReturn(scenario, policy: "follow", seed: seed)
            XCTAssertGreaterThan(follow, random + 50, "seed \(seed): follow \(follow), random \(random)")
        }
    }

    func test_learnedPolicies_onTheBinnedGame_beatRandom() throws {
        let scenario = try Self.scenario(", abstractionSamples: 300", k: 3, episodes: 3, policies: """
            , glearn: { kind: "g-learn", local: "follow" }, amarl: { kind: "alternating-marl", outerIterations: 2, evalEpisodes: 2 }
            """)
        let random = try Self.meanReturn(scenario, policy: "random", seed: 4)
        XCTAssertGreaterThan(try Self.meanReturn(scenario, policy: "glearn", seed: 4), random + 40)
        XCTAssertGreaterThan(try Self.meanReturn(scenario, policy: "amarl", seed: 4), random + 15)
    }

    func test_learnedPolicy_withTooManyCountVectors_isRejectedAtK() {
        XCTAssertThrowsError(try Self.scenario(", bins: 40, abstractionSamples: 5", k: 50, policies: ", glearn: { kind: \"g-learn\" }")) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "observation.k")
        }
    }

    func test_dispatchFollow_returnRisesFromKEquals1ToKEquals50_pairedOverSeeds() throws {
        // The 10-seed k = 1…75 table is in the issue report; this is the small paired version.
        let one = try Self.scenario(k: 1, episodes: 6), fifty = try Self.scenario(k: 50, episodes: 6)
        var gain = 0.0
        for seed: UInt64 in 1...4 {
            let low = try Self.meanReturn(one, policy: "follow", seed: seed)
            let high = try Self.meanReturn(fifty, policy: "follow", seed: seed)
            gain += (high - low) / 4
        }
        XCTAssertGreaterThan(gain, 10, "mean paired gain of k = 50 over k = 1")
    }

    func test_sameSeed_givesBitIdenticalReturns() throws {
        let scenario = try Self.scenario()
        XCTAssertEqual(try Self.meanReturn(scenario, policy: "follow", seed: 9),
                       try Self.meanReturn(scenario, policy: "follow", seed: 9))
    }
}
