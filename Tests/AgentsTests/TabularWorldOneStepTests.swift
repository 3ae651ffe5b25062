import XCTest
import Engine
@testable import Agents

/// One step of ``TabularWorld`` against the game's equations, computed by hand: the step reward is
/// r_g(s_g, a_g) + (1/n) Σ_i r_l(s_i, s_g, a_i) with the states *before* the step, and s_i' is drawn
/// from P_l(· | s_i, s_g, a_i) (or with s_g' when `localUsesNextGlobal`). The game is deterministic so
/// every term is known exactly: s_g' = 1 − s_g, every agent starts in local state 0 and always takes
/// local action 1, and the global agent always takes action 1.
final class TabularWorldOneStepTests: XCTestCase {
    struct AlwaysOne: GlobalPolicy {
        var kind: String { "always-one" }
        func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int { 1 }
    }

    /// |S_g| = 2, |A_g| = 2, |S_l| = 3, |A_l| = 2. Every reward entry is distinct, so reading the wrong
    /// state or action changes the reward.
    func game(localUsesNextGlobal: Bool) -> TabularGame {
        let pg: [Double] = [0, 1, 0, 1, 1, 0, 1, 0]                 // [s_g][a_g][s_g']: s_g' = 1 − s_g
        var pl = [Double](repeating: 0, count: 3 * 2 * 2 * 3)        // [s_l][s_g][a_l][s_l']
        for sl in 0..<3 { for sg in 0..<2 { for al in 0..<2 {
            pl[((sl * 2 + sg) * 2 + al) * 3 + (sl + 1 + sg) % 3] = 1  // s_l' = s_l + 1 + s_g (mod 3)
        } } }
        let rg: [Double] = [1, 2, 4, 8]                               // [s_g][a_g]
        let rl = (0..<12).map { Double(16 << $0) }                    // [s_l][s_g][a_l], powers of two
        return TabularGame(globalStates: 2, globalActions: 2, localStates: 3, localActions: 2,
                           globalTransition: pg, localTransition: pl, globalReward: rg, localReward: rl,
                           localUsesNextGlobal: localUsesNextGlobal)
    }

    func runOneStep(localUsesNextGlobal: Bool, seed: UInt64) throws -> TabularWorld {
        let game = game(localUsesNextGlobal: localUsesNextGlobal)
        let config = TabularWorldConfig(agents: 50, k: 5, gamma: 0.9, horizon: 3, initial: .fixed([1, 0, 0]))
        let local = LocalPolicyTable(kind: "action-one", globalStates: 2, localStates: 3, actions: 2,
                                     probabilities: [Double](repeating: 0, count: 6).flatMap { _ in [0.0, 1.0] })
        let world = TabularWorld(game: game, config: config, globalPolicy: AlwaysOne(), localPolicy: local, seed: seed)
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: 3, offset: 0)), (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        var simulation = Simulation(model: world, schedules: ScheduleTable(schedule, seed: seed, agents: 50))
        _ = try simulation.run(until: 1)
        return simulation.model
    }

    func test_firstStepReward_usesTheStatesBeforeTheStep() throws {
        for seed in UInt64(1)...6 {
            for nextGlobal in [false, true] {
                let world = try runOneStep(localUsesNextGlobal: nextGlobal, seed: seed)
                let g = game(localUsesNextGlobal: nextGlobal)
                let before = 1 - world.globalState
                XCTAssertEqual(world.metrics.reward.values.count, 1)
                // Every agent sat in s_l = 0 and took a_l = 1; the global agent took a_g = 1.
                let expected = g.rewardGlobal(before, 1) + g.rewardLocal(0, before, 1)
                XCTAssertEqual(world.metrics.reward.values.first, expected, "seed \(seed), localUsesNextGlobal \(nextGlobal)")
            }
        }
    }

    func test_localTransition_conditionsOnTheDocumentedGlobalState() throws {
        for seed in UInt64(1)...6 {
            for nextGlobal in [false, true] {
                let world = try runOneStep(localUsesNextGlobal: nextGlobal, seed: seed)
                let conditioning = nextGlobal ? world.globalState : 1 - world.globalState
                var expected = [0, 0, 0]
                expected[(0 + 1 + conditioning) % 3] = 50
                XCTAssertEqual(world.population.histogram, expected, "seed \(seed), localUsesNextGlobal \(nextGlobal)")
                XCTAssertEqual(Set(world.population.states), [UInt8((1 + conditioning) % 3)])
            }
        }
    }
}
