import XCTest
import SimTestSupport
@testable import Agents

/// `anchor: last`, the `persistence` policy, the persistence expert of the mixtures and the
/// `worstClientRegret` comparator.
final class ForecastAnchorTests: XCTestCase {
    private func logistic(rounds: Int) -> TimeSeriesData {
        var s = LogisticSeries()
        s.rounds = rounds
        return s.data(seed: 0)
    }

    private func simulation(_ policy: any ForecastPolicy, rounds: Int = 30, clients: Int = 3, mixture: MixtureConfig = .ridge(),
                            expert: Bool = false) -> ForecastSimulation {
        ForecastSimulation(data: logistic(rounds: rounds), clients: clients, encoder: EncoderConfig(latentWidth: 2, sigma: 0.5),
                           mixture: mixture, policy: policy, evaluation: CostWeights(), seed: 5, persistenceExpert: expert)
    }

    func test_persistencePolicy_forecastsTheLastObservation_andScoresAsNaive() throws {
        var sim = simulation(PersistencePolicy())
        while !sim.isFinished {
            let t = sim.state.round
            try sim.playRound()
            XCTAssertEqual(sim.state.predictions, [Double](repeating: sim.data.target(t)[0], count: 3), "round \(t)")
        }
        XCTAssertEqual(sim.metrics.mixtureRMSE, sim.metrics.naiveRMSE, accuracy: 1e-12)
        XCTAssertEqual(sim.metrics.worstClientRMSE, sim.metrics.naiveRMSE, accuracy: 1e-15)
    }

    func test_greedyLast_fitsTheIncrements_andStartsFromTheLastObservation() throws {
        let policy = GreedyPolicy(update: GreedyConfig(window: 4, alpha: 0.2, gamma: 0.7), anchor: .last)
        var sim = simulation(policy)
        for _ in 0..<10 { try sim.playRound() }
        let t = sim.state.round
        try sim.playRound()
        let data = sim.data, dz = 2
        for i in 0..<3 {
            // Brute force: the ridge normal equations on (Z_s, y_s+1 − y_s), s = t−4 … t−1.
            var a = Matrix.identity(dz)
            for d in 0..<dz { a[d, d] = 0.7 }
            var b = [Double](repeating: 0, count: dz)
            for s in (t - 4)..<t {
                let c = exp(-0.2 * Double(t - 1 - s))
                let z = Array(sim.state.encodingHistory.row(s)[(i * dz)..<((i + 1) * dz)])
                let delta = data.target(s + 1)[0] - data.target(s)[0]
                for p in 0..<dz {
                    b[p] += c * z[p] * delta
                    for q in 0..<dz { a[p, q] += c * z[p] * z[q] }
                }
            }
            let beta = try LUFactorization(a).solve(b)
            let z = Array(sim.state.encodingHistory.row(t)[(i * dz)..<((i + 1) * dz)])
            let correction: Double = zip(z, beta).reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(sim.state.predictions[i], data.target(t)[0] + correction, accuracy: 1e-12, "client \(i)")
        }
    }

    func test_gameLast_appliesTheLastWindowControl_fromTheLastObservation() throws {
        let game = WindowGameSettings(window: 3, weights: CostWeights(gamma: 2), anchor: .last)
        let policies: [any WindowGamePolicy] = [MemoaPolicy(game: game), NashNPolicy(game: game), ReplayOnlyPolicy(game: game)]
        for policy in policies {
            var sim = simulation(policy)
            for _ in 0..<8 { try sim.playRound() }
            let t = sim.state.round
            let solution = try policy.solver.solve(sim.windowGame(endingAt: t, game), sample: nil)
            try sim.playRound()
            for i in 0..<3 {
                let z = Array(sim.state.encodingHistory.row(t)[(i * 2)..<((i + 1) * 2)])
                let beta = Array(solution.controls[2][(i * 2)..<((i + 1) * 2)])
                let expected = sim.data.target(t)[0] + zip(z, beta).reduce(0) { $0 + $1.0 * $1.1 }
                XCTAssertEqual(sim.state.predictions[i], expected, accuracy: 1e-12, "\(policy.kind) client \(i)")
            }
        }
    }

    func test_persistenceExpert_hasItsOwnWeight_inTheServerForecast() throws {
        var sim = simulation(GreedyPolicy(), mixture: .uniform, expert: true)
        for _ in 0..<6 { try sim.playRound() }
        let t = sim.state.round - 1
        let expected = (sim.state.predictions.reduce(0, +) + sim.data.target(t)[0]) / 4
        XCTAssertEqual(sim.state.serverPrediction[0], expected, accuracy: 1e-14)
        // Hedge learns the expert's weight from its own losses: it changes the forecasts.
        var with = simulation(GreedyPolicy(), mixture: .hedge(learningRate: 5), expert: true)
        var without = simulation(GreedyPolicy(), mixture: .hedge(learningRate: 5))
        XCTAssertNotEqual(try with.playToEnd().mixtureRMSE, try without.playToEnd().mixtureRMSE)
    }

    func test_hindsightComparator_isTheBestFixedCorrection() throws {
        var sim = simulation(PersistencePolicy(), rounds: 40)
        var encodings: [[Double]] = []
        while !sim.isFinished {
            try sim.playRound()
            encodings.append(sim.state.encodingHistory.row(sim.state.round - 1))
        }
        let metrics = sim.metrics
        let data = sim.data
        var comparator = HindsightCorrection(clients: 3, targetDimension: 1, latentWidth: 2)
        for t in 1...data.rounds { comparator.add(encoding: encodings[t - 1], target: data.target(t), last: data.target(t - 1)) }
        let best = comparator.comparatorLosses
        var normals = TestNormals(seed: 3)
        for i in 0..<3 {
            func loss(_ beta: [Double]) -> Double {
                (1...data.rounds).reduce(0) { total, t in
                    let z = Array(encodings[t - 1][(i * 2)..<((i + 1) * 2)])
                    let e = data.target(t)[0] - data.target(t - 1)[0] - zip(z, beta).reduce(0) { $0 + $1.0 * $1.1 }
                    return total + e * e
                }
            }
            XCTAssertLessThanOrEqual(best[i], loss([0, 0]) + 1e-12)
            for _ in 0..<200 { XCTAssertLessThanOrEqual(best[i], loss(normals.vector(2).map { 0.1 * $0 }) + 1e-12) }
        }
        // Persistence's own loss is the β = 0 loss, so its regret is the largest improvement any fixed β gives.
        let naiveTotal = metrics.naiveRMSE * metrics.naiveRMSE * Double(data.rounds)
        XCTAssertEqual(metrics.worstClientRegret, naiveTotal - best.min()!, accuracy: 1e-10)
    }
}
