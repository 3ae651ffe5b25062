import XCTest
import Engine
import SimTestSupport
@testable import Agents

/// One synchronous round of ``FedOptWorld`` against its equations, computed by hand (Sources/Agents/README.md,
/// federated optimization): with every client taking part (k = n) and no deadline, client i runs E local
/// gradient steps on f_i(w) = ½ Σ_j a_ij (w_j − c_ij)², so coordinate j ends at
/// c_ij + (1 − η a_ij)^E (w_j − c_ij); the server moves w ← w + η_g · (1/n) Σ_i (w_E,i − w) and records
/// the loss F(w) = (1/n) Σ_i f_i(w) at the new model.
final class FedOptWorldOneStepTests: XCTestCase {
    func test_firstRound_movesTheModelByTheMeanLocalUpdate_andRecordsItsLoss() throws {
        for seed in UInt64(1)...4 {
            let n = 3, d = 2, steps = 4, eta = 0.1, serverStep = 0.7
            let problem = FedOptProblem(clients: n, dimension: d, heterogeneity: 0.8, condition: 6, seed: seed)
            let config = FedOptConfig(clientsPerRound: n, localSteps: steps, mode: .sync(deadline: nil), targetLoss: 1e-9)
            let world = FedOptWorld(problem: problem, timing: FedOptTiming(), config: config,
                                    policy: FedAvgPolicy(serverStep: serverStep, localStepSize: eta), seed: seed, episodeLength: 100)
            var sim = Simulation(model: world, schedules: ScheduleTable([(.worldTick, .every(period: 100, offset: 0))],
                                                                       seed: seed, agents: n))
            while sim.model.round == 0 { guard case .dispatched = try sim.step() else { return XCTFail("ran out of events") } }

            var expected = [Double](repeating: 0, count: d)       // w starts at 0
            for j in 0..<d {
                var meanUpdate = 0.0
                for i in 0..<n {
                    let a = problem.curvatures[i * d + j], c = problem.clientOptima[i * d + j]
                    let end = c + pow(1 - eta * a, Double(steps)) * (0 - c)
                    meanUpdate += (end - 0) / Double(n)
                }
                expected[j] = 0 + serverStep * meanUpdate
            }
            XCTAssertLessThan(maxAbsDifference(sim.model.model, expected), 1e-12, "seed \(seed)")
            var loss = 0.0
            for i in 0..<n {
                for j in 0..<d {
                    let e = expected[j] - problem.clientOptima[i * d + j]
                    loss += 0.5 * problem.curvatures[i * d + j] * e * e / Double(n)
                }
            }
            XCTAssertEqual(sim.model.metrics.lossByRound.values.first ?? .nan, loss, accuracy: 1e-12, "seed \(seed)")
            XCTAssertEqual(sim.model.metrics.lossByRound.values.count, 1)
        }
    }
}
