import XCTest
import Engine
@testable import Agents

/// The local role (``LocalPolicy``): a population's decision as one call draws exactly what the worlds'
/// fused loops draw, so a world stepped through the role gives the same run as its own loop.
final class LocalPolicyRoleTests: XCTestCase {
    func tabularRun(throughTheRole: Bool, seed: UInt64) throws -> TabularWorld {
        let game = RingZones().game()
        let config = TabularWorldConfig(agents: 200, k: 10, gamma: 0.95, horizon: 4, initial: .dirichlet(alpha: 0.3))
        let local = TinyGames.localPolicy(seed: seed, for: game)
        var world = TabularWorld(game: game, config: config, globalPolicy: ModeDispatchPolicy(), localPolicy: local, seed: seed)
        // The table handed over as an outside population policy: the world then asks it for every action at once.
        if throughTheRole { world.localPopulation = local }
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: 4, offset: 0)), (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        var simulation = Simulation(model: world, schedules: ScheduleTable(schedule, seed: seed, agents: 200))
        _ = try simulation.run(until: 9)
        return simulation.model
    }

    func test_tableThroughTheRole_matchesTheKernel() throws {
        for seed in UInt64(1)...3 {
            let kernel = try tabularRun(throughTheRole: false, seed: seed), role = try tabularRun(throughTheRole: true, seed: seed)
            XCTAssertEqual(role.metrics.reward.values, kernel.metrics.reward.values, "seed \(seed)")
            XCTAssertEqual(role.population.states, kernel.population.states, "seed \(seed)")
            XCTAssertEqual(kernel.metrics.reward.values.count, 9)
        }
    }

    func test_robotsRuleThroughTheRole_matchesTheWorldsMoves() throws {
        for rule: RobotsContinuousLocalRule.Rule in [.random, .follow(tolerance: 0.05)] {
            var simulation = RobotsContinuousWorldTests.world(local: rule, agents: 120, seed: 5)
            simulation.model.recordsLastStep = true
            _ = try simulation.run(until: 3)
            let world = simulation.model
            let previous = try XCTUnwrap(world.previousStep)
            let indices = world.localRule.actions(states: previous.positions, globalState: previous.globalState,
                                                  step: previous.step, stream: world.policyStream)
            let moves = (0..<120).map { try? XCTUnwrap(world.lastStep(of: $0)).move }
            XCTAssertEqual(indices.map { world.robots.localMoves[Int($0)] }, moves, "\(rule)")
            XCTAssertGreaterThan(Set(indices).count, 1, "the rule moves robots in more than one way")
        }
    }

    struct OutOfProcess: GlobalPolicy {
        var kind: String { "stub-process" }
        var runsOutOfProcess: Bool { true }
        func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int { 0 }
    }

    func test_aPolicyInAnotherProcess_refusesCheckpoints() {
        let game = RingZones().game()
        let config = TabularWorldConfig(agents: 10, k: 2, gamma: 0.9, horizon: 3, initial: .dirichlet(alpha: 0.3))
        let local = LocalPolicyTable.uniform(for: game)
        let inside = TabularWorld(game: game, config: config, globalPolicy: ModeDispatchPolicy(), localPolicy: local, seed: 1)
        let outside = TabularWorld(game: game, config: config, globalPolicy: OutOfProcess(), localPolicy: local, seed: 1)
        XCTAssertNil(inside.checkpointRefusal)
        XCTAssertEqual(outside.checkpointRefusal, "policy kind 'stub-process' runs in its own process, whose state a checkpoint cannot hold")
    }
}
