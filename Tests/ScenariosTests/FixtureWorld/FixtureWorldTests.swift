import Engine
import Foundation
import Scenarios
import XCTest

/// The fixture world, loaded the way `sim` loads every world: from a JSON5 scenario through a
/// registry (the shipped worlds plus the test fixtures), validated, run under fixed seeds.
final class FixtureWorldTests: XCTestCase {
    static let scenario = """
    // Four walkers, three episodes of five steps.
    {
      name: "walk",
      seed: 3,
      horizon: 5,
      episodes: 3,
      world: {
        kind: "drift-walk",
        walkers: 4,
        moveProbability: 1,
      },
      policies: { push: { kind: "push" }, wander: { kind: "random" } },
    }
    """

    static func load(_ overrides: [String] = [], text: String = scenario) throws -> Scenario {
        try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "walk.json5", overrides: overrides.map { try Override.parse($0) }),
                     registry: .testing)
    }

    struct Collect: TraceSink {
        var records: [TraceRecord] = []
        mutating func record(_ record: TraceRecord) throws { records.append(record) }
        mutating func finish() throws {}
    }

    func test_loadsThroughTheTestRegistry_andDescribesItself() throws {
        let scenario = try Self.load()
        XCTAssertEqual(scenario.world.kind, "drift-walk")
        XCTAssertEqual(scenario.policyNames, ["push", "wander"])
        XCTAssertEqual(scenario.world.metricNames, ["finalMean", "spread"])
        XCTAssertEqual(scenario.world.eventKinds.map(\.name), ["worldTick", "globalStep", "policyStep"])
        XCTAssertEqual(scenario.stepsPerEpisode, 5)
        XCTAssertEqual(scenario.world.trainablePolicyNames, [])
        XCTAssertThrowsError(try scenario.world.train(policy: "push", progress: { _ in })) { error in
            XCTAssertEqual("\(error)", "'sim train' trains learned policies; world 'drift-walk' has none")
        }
        XCTAssertThrowsError(try scenario.world.checkExploitability(policy: "push")) { error in
            XCTAssertTrue("\(error)".hasSuffix("world 'drift-walk' has none: no best response is defined for it"), "\(error)")
        }
        XCTAssertNotNil(WorldRegistry.testing.world("drift-walk"))
        XCTAssertNil(WorldRegistry.standard.world("drift-walk"))
    }

    func test_standardRegistry_doesNotKnowTheFixture() {
        XCTAssertThrowsError(try Scenario(source: ScenarioSource(data: Data(Self.scenario.utf8), file: "walk.json5"))) { error in
            XCTAssertTrue("\(error)".contains("world.kind"), "\(error)")
        }
    }

    func test_badField_namesFileLinePathValueAndRange() {
        XCTAssertThrowsError(try Self.load(["world.moveProbability=1.5"])) { error in
            XCTAssertEqual("\(error)", "walk.json5:10: world.moveProbability: expected a number in 0...1, got 1.5")
        }
        XCTAssertThrowsError(try Self.load(text: Self.scenario.replacingOccurrences(of: "walkers: 4,", with: "walkers: 4, speed: 2,"))) { error in
            XCTAssertTrue("\(error)".contains("world.speed"), "\(error)")
        }
        XCTAssertThrowsError(try Self.load(["policies.push.drift=2"])) { error in
            XCTAssertTrue("\(error)".contains("policies.push.drift"), "\(error)")
        }
    }

    /// p = 1, drift +1: every walker ends each 5-step episode at 5, so the final mean is 5 three times,
    /// the spread 0; 3 worldTick + 15 globalStep + 15 policyStep events.
    func test_pushWithCertainMoves_endsEveryEpisodeAtTheHorizon() throws {
        var session = try Self.load().makeSession(policy: "push", seed: 3)
        _ = try session.run(until: session.endTime, shouldStop: { false })
        let outcome = try session.finish()
        XCTAssertEqual(outcome.events, 33)
        XCTAssertEqual(outcome.metric("finalMean")?.values, [5, 5, 5])
        XCTAssertEqual(outcome.metric("spread")?.values, [0, 0, 0])
    }

    /// p = 1/2 under the random drift: each episode's final positions recomputed directly from the
    /// streams (u_{i,t} < p on `world` at (i, t); drift 0, 1, 2 − 1 on `policy` at (−1, t)).
    func test_randomDriftWithHalfProbability_matchesADirectRecount() throws {
        let scenario = try Self.load(["world.moveProbability=0.5"])
        for seed in UInt64(1)...3 {
            var session = try scenario.makeSession(policy: "wander", seed: seed)
            session.attachTrace(Collect(), filter: TraceFilter())
            _ = try session.run(until: session.endTime, shouldStop: { false })
            let trace = try XCTUnwrap(try session.detachTrace() as? Collect)
            let outcome = try session.finish()
            let world = RandomStream(seed: seed, .world), policy = RandomStream(seed: seed, .policy)
            var means: [Double] = [], drifts: [Int] = []
            for episode in 0..<3 {
                var positions = [0, 0, 0, 0]
                for t in episode * 5..<(episode + 1) * 5 {
                    var draw = policy.generator(agent: -1, step: t)
                    let drift = draw.int(below: 3) - 1
                    drifts.append(drift)
                    for i in 0..<4 {
                        var cell = world.generator(agent: i, step: t)
                        if cell.uniform() < 0.5 { positions[i] += drift }
                    }
                }
                means.append(Double(positions.reduce(0, +)) / 4)
            }
            XCTAssertEqual(outcome.metric("finalMean")?.values, means, "seed \(seed)")
            XCTAssertEqual(trace.records.filter { $0.kind == "globalStep" }.map { "\($0.payload[0].value)" }, drifts.map { "\(TraceValue.int($0))" })
        }
    }

    /// What `sim run` does with a run: the same seed gives the same results document, another seed another.
    func test_resultsDocument_dependsOnTheSeedOnly() throws {
        let scenario = try Self.load(["world.moveProbability=0.5"])
        func document(_ seed: UInt64) throws -> String {
            var session = try scenario.makeSession(policy: "wander", seed: seed)
            _ = try session.run(until: session.endTime, shouldStop: { false })
            return ResultsDocument.run(scenario: scenario.name, seed: seed, policy: "wander", outcome: try session.finish(), timing: false).rendered()
        }
        XCTAssertEqual(try document(1), try document(1))
        XCTAssertNotEqual(try document(1), try document(2))
    }
}
