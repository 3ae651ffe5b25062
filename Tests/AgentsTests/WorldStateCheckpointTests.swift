import XCTest
import Engine
@testable import Agents

/// Each agent-population world saves its whole mutable ``TabularWorld/State`` (and the robots' and
/// federated worlds' `State`) as one value: whatever changes after a save — a field set by hand, or a
/// further run that changes them all — a restore brings back exactly the saved value; a value the run
/// could not have produced is refused and leaves the world as it was; and the configuration digest
/// covers every field of the configuration.
final class WorldStateCheckpointTests: XCTestCase {
    static let tabularSchedule: [(kind: EventKind, schedule: Schedule)] = [
        (.worldTick, .every(period: 4, offset: 0)), (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
    ]

    func tabular(config: TabularWorldConfig = TabularWorldConfig(agents: 60, k: 6, gamma: 0.9, horizon: 4, initial: .dirichlet(alpha: 0.3)),
                 game: TabularGame = RingZones().game()) -> Simulation<TabularWorld> {
        let world = TabularWorld(game: game, config: config, globalPolicy: RandomGlobalPolicy(actions: game.globalActions),
                                 localPolicy: .follow(zones: game.localStates), seed: 3)
        return Simulation(model: world, schedules: ScheduleTable(Self.tabularSchedule, seed: 3, agents: config.agents))
    }

    /// Saves `model` at `saveAt`, applies `change` and runs on to `runTo`, restores, and checks the state
    /// is the saved one again, every byte read.
    func assertRestores<Model: SimulationModel & CheckpointableState>(
        _ simulation: inout Simulation<Model>, state: (Model) -> some Equatable, saveAt: SimTime, runTo: SimTime,
        change: (inout Model) -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
        _ = try simulation.run(until: saveAt)
        var writer = StateWriter()
        simulation.model.save(into: &writer)
        let saved = state(simulation.model)
        change(&simulation.model)
        XCTAssertFalse(state(simulation.model) == saved, "the change must change the state", file: file, line: line)
        if runTo > saveAt { _ = try simulation.run(until: runTo) }
        var reader = StateReader(writer.bytes)
        try simulation.model.restore(from: &reader)
        XCTAssertTrue(state(simulation.model) == saved, "the restored state is the saved one", file: file, line: line)
        XCTAssertEqual(reader.remaining, 0, file: file, line: line)
    }

    func test_tabular_restoresAFieldChangedAfterTheSave() throws {
        var simulation = tabular()
        try assertRestores(&simulation, state: \.state, saveAt: 5.5, runTo: 9.5) { $0.state.episodeModeHits += 1 }
        var other = tabular()
        try assertRestores(&other, state: \.state, saveAt: 5.5, runTo: 5.5) { $0.state.counts[0] += 1 }
    }

    func test_robots_restoresAFieldChangedAfterTheSave() throws {
        var simulation = RobotsContinuousWorldTests.world(agents: 50, seed: 4)
        try assertRestores(&simulation, state: \.state, saveAt: 7.5, runTo: 12.5) { $0.state.populationHistogram[0] += 1 }
    }

    func test_fedopt_restoresAFieldChangedAfterTheSave() throws {
        let problem = FedOptProblem(clients: 20, dimension: 3, heterogeneity: 0.3, condition: 4, seed: 2)
        for mode: FedOptConfig.Mode in [.sync(deadline: nil), .async(buffer: 3, stalenessExponent: 0.5)] {
            var simulation = FedOptTests.simulation(problem, k: 5, mode: mode, episodeLength: 6)
            try assertRestores(&simulation, state: \.state, saveAt: 4.5, runTo: 9.5) { $0.state.targetRounds += 1 }
        }
    }

    func test_tabular_refusesAStateOutsideTheRun_andKeepsItsOwn() throws {
        var simulation = tabular()
        _ = try simulation.run(until: 3.5)
        let before = simulation.model.state
        var bad = before
        bad.globalAction = simulation.model.game.globalActions
        var writer = StateWriter()
        writer.section("tabular-world")
        writer.write(simulation.model.configurationDigest)
        try StateEncoder.encode(bad, into: &writer)
        var reader = StateReader(writer.bytes)
        XCTAssertThrowsError(try simulation.model.restore(from: &reader)) { error in
            XCTAssertEqual(error as? CheckpointError, .corrupt("the global action is 5, outside 0...4"))
        }
        XCTAssertEqual(simulation.model.state, before)
    }

    func test_configurationDigest_coversEveryConfigurationField() {
        let base = TabularWorldConfig(agents: 60, k: 6, gamma: 0.9, horizon: 4, initial: .dirichlet(alpha: 0.3))
        var longer = base
        longer.horizon = 5
        var fixed = base
        fixed.initial = .fixed([1, 0, 0, 0, 0])
        let game = RingZones().game()
        let digests = [tabular(config: base), tabular(config: longer), tabular(config: fixed),
                       tabular(config: base, game: RingZones().game(localUsesNextGlobal: true))].map(\.model.configurationDigest)
        XCTAssertEqual(Set(digests).count, 4, "each configuration change changes the digest")
        XCTAssertEqual(tabular(config: base, game: game).model.configurationDigest, digests[0], "the same configuration, the same digest")
    }
}
