import Engine
import Scenarios
import XCTest

/// The fixture world's checkpoints: its whole mutable state is one `State` value and its setup one
/// `Configuration` value, so a field added to either is covered without anyone listing it.
final class FixtureWorldCheckpointTests: XCTestCase {
    /// A world built directly (the variants are not registered): 6 walkers, p = 1/2, random drift,
    /// two episodes of 5 steps.
    func world<Extra: DriftWalkExtra>(_ type: Extra.Type, _ extra: Extra.Settings, moveProbability: Double = 0.5) -> DriftWalkWorld<Extra> {
        DriftWalkWorld<Extra>(walkers: 6, moveProbability: moveProbability, horizon: 5, episodes: 2,
                              policies: [("wander", .random)], extra: extra)
    }

    /// Saves a run of `world` at t = 7 (mid-episode) and restores it into a fresh session.
    func savedAndRestored<Extra>(_ world: DriftWalkWorld<Extra>, into other: DriftWalkWorld<Extra>? = nil) throws
        -> (saved: EngineSession<DriftWalk<Extra>>, restored: EngineSession<DriftWalk<Extra>>) {
        var saved = try world.session(policy: "wander", seed: 4)
        _ = try saved.run(until: 7, shouldStop: { false })
        var writer = StateWriter()
        try saved.saveState(into: &writer)
        var restored = try (other ?? world).session(policy: "wander", seed: 4)
        var reader = StateReader(writer.bytes)
        try restored.restoreState(from: &reader)
        XCTAssertEqual(reader.remaining, 0)
        return (saved, restored)
    }

    /// Through the generic session API `sim run --checkpoint` uses: a resumed run ends exactly as an
    /// uninterrupted one.
    func test_resumedRun_endsAsTheUninterruptedRun() throws {
        let scenario = try FixtureWorldTests.load(["world.moveProbability=0.5", "episodes=4"])
        var whole = try scenario.makeSession(policy: "wander", seed: 9)
        _ = try whole.run(until: whole.endTime, shouldStop: { false })
        let expected = try whole.finish()

        var first = try scenario.makeSession(policy: "wander", seed: 9)
        XCTAssertTrue(first.supportsCheckpoints)
        _ = try first.run(until: 12, shouldStop: { false })
        var writer = StateWriter()
        try first.saveState(into: &writer)
        var resumed = try scenario.makeSession(policy: "wander", seed: 9)
        var reader = StateReader(writer.bytes)
        try resumed.restoreState(from: &reader)
        XCTAssertEqual(resumed.now, 12)
        _ = try resumed.run(until: resumed.endTime, shouldStop: { false })
        let outcome = try resumed.finish()
        XCTAssertEqual(outcome.metrics.map(\.name), expected.metrics.map(\.name))
        XCTAssertEqual(outcome.metrics.map(\.stats), expected.metrics.map(\.stats))
        XCTAssertEqual(outcome.events, expected.events)
    }

    func test_restoredState_equalsTheSavedState_andRunsOnIdentically() throws {
        var (saved, restored) = try savedAndRestored(world(NoExtra.self, NoExtra.Settings()))
        XCTAssertEqual(restored.simulation.model.state, saved.simulation.model.state)
        XCTAssertNotEqual(saved.simulation.model.state.positions, Array(repeating: 0, count: 6), "the run must have moved")
        _ = try saved.run(until: saved.endTime, shouldStop: { false })
        _ = try restored.run(until: restored.endTime, shouldStop: { false })
        XCTAssertEqual(restored.simulation.model.state, saved.simulation.model.state)
    }

    /// A variant whose `State` has one more field (the move tally, which changes every tick): the
    /// checkpoint carries it although no save or restore code names it.
    func test_addedStateField_isSavedAndRestored() throws {
        var (saved, restored) = try savedAndRestored(world(MoveTally.self, MoveTally.Settings()))
        let moves = saved.simulation.model.state.extra.moves
        XCTAssertGreaterThan(moves, 0)
        XCTAssertEqual(restored.simulation.model.state.extra.moves, moves)
        XCTAssertEqual(restored.simulation.model.state, saved.simulation.model.state)
        _ = try saved.run(until: saved.endTime, shouldStop: { false })
        _ = try restored.run(until: restored.endTime, shouldStop: { false })
        XCTAssertEqual(restored.simulation.model.state.extra.moves, saved.simulation.model.state.extra.moves)
    }

    /// The variant adds a configuration field (the tally's weight): the digest covers it, so a
    /// checkpoint taken under another weight (or another p) is refused.
    func test_addedConfigurationField_changesTheDigest() throws {
        let plain = DriftWalk<NoExtra>.Configuration(walkers: 6, moveProbability: 0.5, policy: .random, extra: .init())
        let tallied = DriftWalk<MoveTally>.Configuration(walkers: 6, moveProbability: 0.5, policy: .random, extra: .init(weight: 1))
        var heavier = tallied
        heavier.extra.weight = 2
        XCTAssertNotEqual(try StateDigest.of(plain), try StateDigest.of(tallied))
        XCTAssertNotEqual(try StateDigest.of(tallied), try StateDigest.of(heavier))
        XCTAssertThrowsError(try savedAndRestored(world(MoveTally.self, MoveTally.Settings(weight: 1)), into: world(MoveTally.self, MoveTally.Settings(weight: 2)))) { error in
            XCTAssertEqual(error as? CheckpointError, .mismatch("the drift-walk configuration differs"))
        }
        XCTAssertThrowsError(try savedAndRestored(world(NoExtra.self, NoExtra.Settings()), into: world(NoExtra.self, NoExtra.Settings(), moveProbability: 0.25)))
    }
}
