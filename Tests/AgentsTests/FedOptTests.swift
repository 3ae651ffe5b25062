import XCTest
@testable import Agents
import Engine
import SimTestSupport

final class FedOptTests: XCTestCase {
    static func simulation(_ problem: FedOptProblem, timing: FedOptTiming = FedOptTiming(), k: Int, mode: FedOptConfig.Mode,
                           policy: any FedOptPolicy = FedAvgPolicy(localStepSize: 0.05), episodeLength: SimTime = 1000,
                           seed: UInt64 = 1) -> Simulation<FedOptWorld> {
        let config = FedOptConfig(clientsPerRound: k, localSteps: 5, mode: mode, targetLoss: 1e-6)
        let world = FedOptWorld(problem: problem, timing: timing, config: config, policy: policy, seed: seed, episodeLength: episodeLength)
        return Simulation(model: world, schedules: ScheduleTable([(.worldTick, .every(period: episodeLength, offset: 0))],
                                                                 seed: seed, agents: problem.clients))
    }

    func test_homogeneousFullParticipation_convergesToOptimum() throws {
        let problem = FedOptProblem(clients: 20, dimension: 5, heterogeneity: 0, condition: 10, seed: 3)
        XCTAssertLessThan(maxAbsDifference(problem.minimizer, problem.optimum), 1e-14)
        XCTAssertLessThan(problem.minimumLoss, 1e-25)
        var sim = Self.simulation(problem, k: 20, mode: .sync(deadline: nil))
        _ = try sim.run(until: 999)
        XCTAssertGreaterThan(sim.model.round, 50)
        XCTAssertLessThan(maxAbsDifference(sim.model.model, problem.optimum), 1e-9)
        XCTAssertLessThan(problem.globalLoss(sim.model.model), 1e-15)
        var world = sim.model
        world.finishEpisode()
        XCTAssertEqual(world.metrics.roundsToTarget.count, 1)
        XCTAssertEqual(world.metrics.targetReached.mean, 1, "the target 1e-6 is reached")
    }

    func test_sampledMeanUpdate_isUnbiasedForTheFullParticipationUpdate() {
        // E[mean of Δ_i over a uniform k-subset] = mean of Δ_i over all n clients. 4000 subsets at a
        // fixed seed; each coordinate within 4 standard errors.
        let problem = FedOptProblem(clients: 30, dimension: 4, heterogeneity: 1, condition: 5, seed: 8)
        let w = [0.3, -0.2, 1.1, 0.0]
        let full = problem.meanUpdate(of: Array(0..<30), from: w, stepSize: 0.1, steps: 5)
        var sampler = SubsampleSampler(k: 5, n: 30)
        let stream = RandomStream(seed: 8, .subsample)
        var stats = [RunningStats](repeating: RunningStats(), count: 4)
        for draw in 0..<4000 {
            var cell = stream.generator(agent: -1, step: draw)
            sampler.draw(using: &cell)
            let sampled = problem.meanUpdate(of: sampler.sample, from: w, stepSize: 0.1, steps: 5)
            for j in 0..<4 { stats[j].add(sampled[j]) }
        }
        for j in 0..<4 {
            let standardError = stats[j].standardDeviation / 4000.0.squareRoot()
            XCTAssertGreaterThan(stats[j].standardDeviation, 0.01, "coordinate \(j): subsets must differ")
            XCTAssertEqual(stats[j].mean, full[j], accuracy: 4 * standardError, "coordinate \(j)")
        }
    }

    func test_addUpdate_runsELocalGradientSteps() {
        let problem = FedOptProblem(clients: 1, dimension: 1, heterogeneity: 0, condition: 1, seed: 1)
        let target = problem.clientOptima[0], a = problem.curvatures[0]
        XCTAssertEqual(a, 1)
        var update = [0.0]
        problem.addUpdate(client: 0, from: [target + 1], stepSize: 0.5, steps: 3, into: &update)
        XCTAssertEqual(update[0], 0.125 - 1, accuracy: 1e-15)   // (1 - 0.5)^3 - 1
    }

    func test_deadline_dropsLateClientsAndCapsRoundTime() throws {
        let problem = FedOptProblem(clients: 50, dimension: 3, heterogeneity: 0.3, condition: 4, seed: 2)
        var sim = Self.simulation(problem, k: 10, mode: .sync(deadline: 1.2))
        var trace = TraceRecorder()
        sim.trace = trace
        _ = try sim.run(until: 200)
        trace = sim.trace as! TraceRecorder
        var dropped = 0
        for record in trace.records where record.kind == "globalObserve" {
            let fields = Dictionary(uniqueKeysWithValues: record.payload.map { ($0.key, $0.value) })
            guard case .double(let length) = fields["roundTime"], case .int(let accepted) = fields["accepted"] else {
                return XCTFail("round record without roundTime/accepted: \(record)")
            }
            XCTAssertLessThanOrEqual(length, 1.2)
            dropped += 10 - accepted
        }
        XCTAssertGreaterThan(dropped, 0, "with stragglers some clients miss a 1.2 deadline")
    }

    func test_twoPolicies_underOneSeed_shareClientsAndClocks() throws {
        let problem = FedOptProblem(clients: 40, dimension: 3, heterogeneity: 0.3, condition: 4, seed: 6)
        var a = Self.simulation(problem, k: 8, mode: .sync(deadline: nil), policy: FedAvgPolicy(localStepSize: 0.02))
        var b = Self.simulation(problem, k: 8, mode: .sync(deadline: nil), policy: FedAvgPolicy(serverStep: 0.5, localStepSize: 0.1))
        _ = try a.run(until: 100)
        _ = try b.run(until: 100)
        XCTAssertEqual(a.model.metrics.lossByTime.times, b.model.metrics.lossByTime.times)
        XCTAssertNotEqual(a.model.metrics.lossByTime.values, b.model.metrics.lossByTime.values)
    }

    func test_lossIsReportedAgainstRoundsAndTime() throws {
        let problem = FedOptProblem(clients: 20, dimension: 3, heterogeneity: 0.1, condition: 4, seed: 4)
        var sim = Self.simulation(problem, k: 5, mode: .sync(deadline: nil))
        _ = try sim.run(until: 50)
        let byTime = sim.model.metrics.lossByTime, byRound = sim.model.metrics.lossByRound
        XCTAssertEqual(byTime.values, byRound.values)
        XCTAssertEqual(byRound.times, (1...byRound.times.count).map(Double.init))
        XCTAssertEqual(byTime.times, byTime.times.sorted())
        XCTAssertGreaterThan(byTime.times.last ?? 0, Double(byRound.times.count) * 0.5, "rounds take simulated time")
    }
}
