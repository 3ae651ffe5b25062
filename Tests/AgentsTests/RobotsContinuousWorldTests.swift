import XCTest
@testable import Agents
import Engine
import SimTestSupport

final class RobotsContinuousWorldTests: XCTestCase {
    static func world(global: any GlobalPolicy = ModeDispatchPolicy(), local: RobotsContinuousLocalRule.Rule = .follow(tolerance: 0.05),
                      agents: Int = 400, k: Int = 10, seed: UInt64 = 1) -> Simulation<RobotsContinuousWorld> {
        let robots = RobotsContinuousDynamics()
        let model = RobotsContinuousWorld(robots: robots, agents: agents, k: k, gamma: 0.95, globalPolicy: global,
                                          observationBins: robots.observationBins, localRule: RobotsContinuousLocalRule(local, robots: robots), seed: seed)
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: 50, offset: 0)), (.globalObserve, .everyTick),
            (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        return Simulation(model: model, schedules: ScheduleTable(schedule, seed: seed, agents: agents))
    }

    func test_equations_matchDesign() {
        let r = RobotsContinuousDynamics()
        XCTAssertEqual(r.nextGlobal(0, target: 1.6, normal: 0), 0.96, accuracy: 1e-15)
        XCTAssertEqual(r.nextGlobal(1.9, target: 1.6, normal: 10), 2)            // clipped
        XCTAssertEqual(r.nextLocal(-1.99, move: -0.05, normal: -1), -2)          // clipped
        XCTAssertEqual(r.globalReward(0.8, target: 0.8), 5)
        XCTAssertEqual(r.globalReward(0.5, target: 0.8), 5 * exp(-0.09 / 0.18), accuracy: 1e-14)
        XCTAssertEqual(r.localReward(0.2, global: 0, move: 0.05), 10 * exp(-0.04 / 0.08) - 0.25, accuracy: 1e-14)
    }

    func test_bins_coverTheIntervalWithTargetsAtCentres() {
        let r = RobotsContinuousDynamics()
        XCTAssertEqual(r.bin(-2, bins: 5), 0)
        XCTAssertEqual(r.bin(2, bins: 5), 4)
        XCTAssertEqual(r.bin(-1.2, bins: 5), 1)
        for (b, tau) in r.targets.enumerated() { XCTAssertEqual(r.bin(tau, bins: 5), b) }
    }

    func test_follow_stepsTowardGlobalAndStaysWithinTolerance() {
        let r = RobotsContinuousDynamics(), rule = RobotsContinuousLocalRule(.follow(tolerance: 0.05), robots: r)
        var cell = RandomStream(seed: 1, .policy).generator(agent: 0, step: 0)
        XCTAssertEqual(rule.action(0, global: 1, random: &cell), 1)
        XCTAssertEqual(rule.action(0, global: -1, random: &cell), 2)
        XCTAssertEqual(rule.action(0, global: 0.05, random: &cell), 0)
        XCTAssertEqual(rule.action(0, global: -0.049, random: &cell), 0)
        XCTAssertEqual(cell.draws, 0, "follow draws no random numbers")
    }

    func test_episodeStart_isBimodal5545() throws {
        // 40 episodes of 400 robots: the majority cluster holds 55% ± 2.5% (3 sd) of the robots.
        var shares = RunningStats()
        withEverySeed(1...40) { seed in
            var sim = Self.world(seed: seed)
            _ = try? sim.step()      // worldTick: the first episode starts
            let left = sim.model.positions.filter { $0 < 0 }.count
            shares.add(Double(max(left, 400 - left)) / 400)
        }
        XCTAssertEqual(shares.mean, 0.55, accuracy: 0.01)
    }

    func test_modeDispatchFollow_raisesModeAccuracyOverRandom() throws {
        var follow = Self.world(), random = Self.world(global: RandomGlobalPolicy(actions: 5), local: .random)
        _ = try follow.run(until: 200)
        _ = try random.run(until: 200)
        follow.model.finishEpisode()
        random.model.finishEpisode()
        XCTAssertGreaterThan(follow.model.metrics.modeAccuracy.mean, random.model.metrics.modeAccuracy.mean + 0.3)
        XCTAssertGreaterThan(follow.model.metrics.discountedReturn.mean, random.model.metrics.discountedReturn.mean)
    }

    func test_policies_underOneSeed_seeTheSameStarts() throws {
        var a = Self.world(), b = Self.world(global: RandomGlobalPolicy(actions: 5), local: .random)
        _ = try a.step()
        _ = try b.step()
        XCTAssertEqual(a.model.positions, b.model.positions)
        XCTAssertEqual(a.model.globalState, b.model.globalState)
    }
}

/// One step of ``RobotsContinuousWorld`` against the module README's equations written out here: the
/// reward is r_g(s_g, τ) + (1/n) Σ_i r_l(s_i, s_g, δ_i) with the states *before* the step, with
/// r_g = 5 exp(−(s_g − τ)²/(2·0.3²)) and r_l = 10 exp(−(s_i − s_g)²/(2·0.2²)) − 5|δ|. Robots on the
/// `stay` rule have δ = 0; a global policy that always picks target 4 fixes τ = 1.6.
final class RobotsContinuousOneStepTests: XCTestCase {
    struct AlwaysFour: GlobalPolicy {
        var kind: String { "always-four" }
        func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int { 4 }
    }

    func test_firstStepReward_usesTheStatesBeforeTheStep() throws {
        for seed in UInt64(1)...4 {
            var simulation = RobotsContinuousWorldTests.world(global: AlwaysFour(), local: .stay, agents: 60, seed: seed)
            // worldTick, globalObserve and globalStep of t = 0; the policyStep is next.
            for _ in 0..<3 { _ = try simulation.step() }
            let before = simulation.model
            XCTAssertEqual(before.metrics.reward.values.count, 0)
            _ = try simulation.step()
            let after = simulation.model
            XCTAssertEqual(after.metrics.reward.values.count, 1, "the fourth event of t = 0 is the policy step")
            let sg = before.globalState, tau = 1.6
            let rg = 5 * exp(-(sg - tau) * (sg - tau) / (2 * 0.3 * 0.3))
            let rl = before.positions.map { 10 * exp(-($0 - sg) * ($0 - sg) / (2 * 0.2 * 0.2)) }.reduce(0, +) / 60
            XCTAssertEqual(after.metrics.reward.values[0], rg + rl, accuracy: 1e-12, "seed \(seed)")
            XCTAssertNotEqual(after.globalState, sg, "s_g moved, so reading s_g' would change the reward")
        }
    }
}
