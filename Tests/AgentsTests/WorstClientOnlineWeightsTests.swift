import XCTest
import SimTestSupport
@testable import Agents

/// `worstWeights: online`: the weights from the clients' realized losses, the window solved under them, and
/// a run that uses them.
final class WorstClientOnlineWeightsTests: XCTestCase {
    private let weights = CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 0.5, alpha: 0.001)

    /// μ = softmax(η L_i / L̄): uniform at zero losses, the formula by hand, and free of the losses' scale.
    func test_onlineWeights_areTheSoftMaxOfRelativeLosses() {
        let solver = WorstClientSolver(cost: .forecastError, weights: .online(rate: 1))
        XCTAssertEqual(solver.onlineWeights(losses: [0, 0, 0, 0], rate: 1), [0.25, 0.25, 0.25, 0.25])
        // L̄ = 2: logits 0.5, 1, 1.5.
        let expected = [exp(0.5), exp(1.0), exp(1.5)].map { $0 / (exp(0.5) + exp(1.0) + exp(1.5)) }
        let mu = solver.onlineWeights(losses: [1, 2, 3], rate: 1)
        XCTAssertLessThan(maxAbsDifference(mu, expected), 1e-15)
        XCTAssertLessThan(maxAbsDifference(solver.onlineWeights(losses: [10, 20, 30], rate: 1), expected), 1e-15)
        // A large rate puts (almost) all weight on the largest loss.
        XCTAssertGreaterThan(solver.onlineWeights(losses: [1, 2, 3], rate: 100)[2], 0.999)
    }

    /// With ρ = 1 the window is the weighted problem at exactly the online weights; with ρ < 1 the
    /// window's ascent runs on top of them (its value certified against the floor).
    func test_solveWithLosses_usesTheOnlineWeights() throws {
        let game = randomWindowGame(seed: 3, clients: 3, targetDimension: 2, latentWidth: 2, window: 2, weights: weights)
        let losses = [0.5, 2.0, 1.0]
        let pure = WorstClientSolver(cost: .forecastError, meanWeight: 1, weights: .online(rate: 2))
        let direct = try pure.evaluate(game, weights: pure.onlineWeights(losses: losses, rate: 2))
        let solved = try pure.solve(game, losses: losses)
        XCTAssertLessThan(maxAbsDifference(solved.controls.flatMap { $0 }, direct.controls.flatMap { $0 }), 1e-12)
        // The online weights differ from uniform, so the controls differ from meanField's.
        let meanField = try MemoaSolver().solve(game, sample: nil)
        XCTAssertGreaterThan(maxAbsDifference(solved.controls.flatMap { $0 }, meanField.controls.flatMap { $0 }), 1e-3)
        // The window weights ignore the losses.
        let window = WorstClientSolver(cost: .forecastError, meanWeight: 0.5)
        XCTAssertEqual(try window.solve(game, losses: losses).controls, try window.solve(game, sample: nil).controls)
    }

    /// A run with online weights reads the realized losses: its predictions leave meanField's once the
    /// clients' losses differ, and the same seed gives the same numbers.
    func test_run_withOnlineWeights_differsFromMeanField() throws {
        let data = LogisticSeries.withRounds(24).data(seed: 0)
        func run(_ criterion: MemoaPolicy.Criterion) throws -> ForecastMetrics {
            let policy = MemoaPolicy(game: WindowGameSettings(window: 2, weights: weights, anchor: .last), criterion: criterion)
            var simulation = ForecastSimulation(data: data, clients: 3, encoder: EncoderConfig(latentWidth: 2, sigma: 0.5),
                                                mixture: .uniform, policy: policy, evaluation: weights, seed: 4)
            while !simulation.isFinished { for phase in ForecastSimulation.phases { _ = try simulation.handle(phase) } }
            return simulation.metrics
        }
        let online = MemoaPolicy.Criterion.worstClient(WorstClientSolver(cost: .forecastError, meanWeight: 1, weights: .online(rate: 5)))
        let first = try run(online), meanField = try run(.meanField)
        XCTAssertGreaterThan(abs(first.worstClientRMSE - meanField.worstClientRMSE), 1e-6)
        XCTAssertEqual(try run(online).worstClientRMSE, first.worstClientRMSE)
        // At ρ = 1 the window weights are uniform: exactly meanField up to rounding.
        let uniform = try run(.worstClient(WorstClientSolver(cost: .forecastError, meanWeight: 1)))
        XCTAssertEqual(uniform.worstClientRMSE, meanField.worstClientRMSE, accuracy: 1e-12)
    }
}
