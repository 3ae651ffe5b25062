import XCTest
import Engine
@testable import Agents

/// The per-agent views of a tabular step — `show agent I`'s last action and reward, and the traced
/// agents' fields of `policyStep` lines — are recomputed from the random streams, not stored. They
/// must agree with what the population kernel did: the traced local rewards average to the step
/// reward minus r_g, the traced next states are the population's, and turning the views on changes
/// no result.
final class TabularWorldAgentViewTests: XCTestCase {
    struct Collect: TraceSink {
        var records: [TraceRecord] = []
        mutating func record(_ record: TraceRecord) throws { records.append(record) }
        mutating func finish() throws {}
    }

    static let agents = 300

    func run(views: Bool, seed: UInt64) throws -> Simulation<TabularWorld> {
        let ring = RingZones()
        let game = ring.game()
        let config = TabularWorldConfig(agents: Self.agents, k: 10, gamma: 0.95, horizon: 5, initial: .dirichlet(alpha: 0.3))
        let local = TinyGames.localPolicy(seed: seed, for: game)
        var world = TabularWorld(game: game, config: config, globalPolicy: ModeDispatchPolicy(), localPolicy: local, seed: seed)
        if views {
            world.recordsLastStep = true
            world.tracedAgents = 0...(Self.agents + 10)            // clipped to the population
        }
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: 5, offset: 0)), (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        var simulation = Simulation(model: world, schedules: ScheduleTable(schedule, seed: seed, agents: Self.agents))
        if views { simulation.trace = Collect() }
        _ = try simulation.run(until: 7)
        return simulation
    }

    func test_tracedAgents_reproduceTheStepReward() throws {
        for seed in UInt64(1)...3 {
            let simulation = try run(views: true, seed: seed)
            let records = (simulation.trace as? Collect)?.records ?? []
            let game = simulation.model.game
            var globalAction = 0, globalState = 0, checked = 0
            for record in records {
                let fields = Dictionary(uniqueKeysWithValues: record.payload.map { ($0.key, $0.value) })
                if record.kind == "globalStep", case .int(let a)? = fields["action"], case .int(let s)? = fields["globalState"] {
                    globalAction = a
                    globalState = s
                }
                guard record.kind == "policyStep" else { continue }
                guard case .double(let reward)? = fields["reward"], case .doubles(let local)? = fields["localRewards"],
                      case .ints(let range)? = fields["agents"], case .ints(let next)? = fields["nextStates"],
                      case .ints(let histogram)? = fields["histogram"] else { return XCTFail("policyStep line lacks agent fields") }
                XCTAssertEqual(range, [0, Self.agents - 1])
                XCTAssertEqual(local.count, Self.agents)
                let mean = local.reduce(0, +) / Double(Self.agents)
                XCTAssertEqual(reward, game.rewardGlobal(globalState, globalAction) + mean, accuracy: 1e-12, "seed \(seed) t=\(record.time)")
                var recount = [Int](repeating: 0, count: game.localStates)
                for s in next { recount[s] += 1 }
                XCTAssertEqual(recount, histogram, "seed \(seed) t=\(record.time)")
                checked += 1
            }
            XCTAssertEqual(checked, 7)
            // The last step's view of every agent matches the traced line of that step.
            let world = simulation.model
            let last = records.last { $0.kind == "policyStep" }
            let lastFields = Dictionary(uniqueKeysWithValues: (last?.payload ?? []).map { ($0.key, $0.value) })
            guard case .ints(let actions)? = lastFields["actions"] else { return XCTFail("no actions traced") }
            for agent in [0, 17, Self.agents - 1] {
                XCTAssertEqual(world.lastStep(of: agent)?.action, actions[agent])
            }
        }
    }

    func test_views_changeNoResult() throws {
        for seed in UInt64(1)...3 {
            let plain = try run(views: false, seed: seed).model
            let viewed = try run(views: true, seed: seed).model
            XCTAssertEqual(plain.metrics.reward.values.map(\.bitPattern), viewed.metrics.reward.values.map(\.bitPattern))
            XCTAssertEqual(plain.population.states, viewed.population.states)
        }
    }
}
