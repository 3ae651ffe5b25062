import XCTest
import Engine
@testable import Agents

/// Sources/Engine/README.md, random streams, consequence 2: a run is bit-identical for 1, 2 or 8 threads.
/// 200,000 agents make four chunks of ``TabularWorld/chunkSize``, so every thread count splits them
/// differently.
final class TabularWorldThreadingTests: XCTestCase {
    struct Outcome: Equatable {
        var states: [UInt8], histogram: [Int], globalState: Int, rewards: [Double], returns: Double
    }

    func run(threads: Int, seed: UInt64, localUsesNextGlobal: Bool) throws -> Outcome {
        let ring = RingZones()
        let game = ring.game(localUsesNextGlobal: localUsesNextGlobal)
        let config = TabularWorldConfig(agents: 200_000, k: 10, gamma: 0.95, horizon: 4, initial: .dirichlet(alpha: 0.3))
        var world = TabularWorld(game: game, config: config, globalPolicy: ModeDispatchPolicy(),
                                 localPolicy: .uniform(globalStates: 5, localStates: 5, actions: 3), seed: seed)
        world.threads = threads
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: 4, offset: 0)), (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        var simulation = Simulation(model: world, schedules: ScheduleTable(schedule, seed: seed, agents: 200_000))
        _ = try simulation.run(until: 6)
        simulation.model.finishEpisode()
        let model = simulation.model
        return Outcome(states: model.population.states, histogram: model.population.histogram, globalState: model.globalState,
                       rewards: model.metrics.reward.values, returns: model.metrics.discountedReturn.mean)
    }

    func test_step_isBitIdenticalFor1_2_8Threads() throws {
        for (seed, nextGlobal) in [(UInt64(11), false), (UInt64(12), true)] {
            let one = try run(threads: 1, seed: seed, localUsesNextGlobal: nextGlobal)
            XCTAssertEqual(one.rewards.count, 6)
            XCTAssertEqual(one.histogram.reduce(0, +), 200_000)
            for threads in [2, 8] {
                let other = try run(threads: threads, seed: seed, localUsesNextGlobal: nextGlobal)
                XCTAssertEqual(other.rewards.map(\.bitPattern), one.rewards.map(\.bitPattern), "seed \(seed), threads \(threads)")
                XCTAssertEqual(other, one, "seed \(seed), threads \(threads)")
            }
        }
    }
}
