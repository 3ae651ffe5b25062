import XCTest
import SimTestSupport
@testable import Agents

final class NashNSolverTests: XCTestCase {
    func test_singleClient_reducesToSingleAgentLQ() throws {
        try withEverySeed(1...10) { seed in
            let w = CostWeights(q: 0.7, kappa: 3, lambda: 0.4, gamma: 2, alpha: 0.2)
            let game = randomWindowGame(seed: seed, clients: 1, targetDimension: 1 + Int(seed % 2), latentWidth: 3,
                                        window: 4, weights: w)
            let nash = try NashNSolver().solve(game, sample: nil)
            // N = 1: m = Yhat (κ term vanishes) and w = 1 — wait, weights are normalized to sum 1, so λ|Y − y|².
            let discounts = (0..<4).map { w.discount(step: $0, window: 4) }
            let plan = try TrackingRiccati(encodings: (0..<4).map { game.encoding(client: 0, step: $0) },
                                           trackingWeight: w.q + w.lambda, controlWeight: w.gamma, discounts: discounts)
            let single = plan.response(start: game.targets[0], reference: Array(game.targets.dropFirst()))
            XCTAssertLessThan(maxAbsDifference(nash.controls.flatMap { $0 }, single.controls.flatMap { $0 }), 1e-10,
                              "seed \(seed)")
        }
    }

    /// Every client's unilateral first-order condition: with the others on their feedback laws, the
    /// gradient of J_i in client i's own control sequence vanishes (central differences are exact for a
    /// quadratic up to rounding).
    func test_equilibrium_satisfiesEveryClientsFirstOrderCondition() throws {
        try withEverySeed(1...8) { seed in
            let n = 2 + Int(seed % 3), dz = 1 + Int(seed % 2), T = 2 + Int(seed % 3)
            let w = CostWeights(q: 1, kappa: 2, lambda: 1, gamma: 0.5, alpha: 0.1)
            let game = randomWindowGame(seed: seed, clients: n, targetDimension: 1 + Int(seed % 2), latentWidth: dz,
                                        window: T, weights: w)
            let solver = NashNSolver()
            let laws = try solver.feedbackLaws(game)
            let h = 1e-3
            for i in 0..<n {
                for tau in 0..<T {
                    for c in 0..<dz {
                        var up = Array(repeating: [Double](repeating: 0, count: dz), count: T), down = up
                        up[tau][c] = h
                        down[tau][c] = -h
                        let a = solver.play(game, laws: laws, deviator: i, deviation: up)
                        let b = solver.play(game, laws: laws, deviator: i, deviation: down)
                        let grad = (game.cost(client: i, states: a.states, controls: a.controls)
                            - game.cost(client: i, states: b.states, controls: b.controls)) / (2 * h)
                        XCTAssertLessThan(abs(grad), 1e-8, "seed \(seed) client \(i) step \(tau) column \(c)")
                    }
                }
            }
            // Sanity: the check can fail — a non-equilibrium control has a clearly non-zero gradient.
            var off = Array(repeating: [Double](repeating: 0, count: dz), count: T)
            off[0][0] = 0.3
            let base = solver.play(game, laws: laws, deviator: 0, deviation: off)
            var up = off, down = off
            up[0][0] += h
            down[0][0] -= h
            let a = solver.play(game, laws: laws, deviator: 0, deviation: up)
            let b = solver.play(game, laws: laws, deviator: 0, deviation: down)
            let grad = (game.cost(client: 0, states: a.states, controls: a.controls)
                - game.cost(client: 0, states: b.states, controls: b.controls)) / (2 * h)
            XCTAssertGreaterThan(abs(grad), 1e-4, "seed \(seed)")
            _ = base
        }
    }

    /// `nash-n` approaches `memoa` as N grows (λ = 0, same clients): the gap in mean client window cost shrinks.
    func test_gapToMemoa_shrinksWithN() throws {
        let w = CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 0.5, alpha: 0.001)
        var gaps: [Double] = []
        for n in [2, 4, 8] {
            var total = 0.0
            for seed in UInt64(1)...6 {
                // Nested populations: the first n clients of one 8-client game, so only N changes.
                let big = randomWindowGame(seed: seed, clients: 8, latentWidth: 3, window: 3, weights: w)
                let game = big.restricted(toFirst: n)
                let nash = try NashNSolver().solve(game, sample: nil)
                let mf = try MemoaSolver().solve(game, sample: nil)
                for i in 0..<n {
                    total += abs(game.cost(client: i, states: nash.states, controls: nash.controls)
                        - game.cost(client: i, states: mf.states, controls: mf.controls)) / Double(n)
                }
            }
            gaps.append(total / 6)
        }
        XCTAssertGreaterThan(gaps[0], gaps[1], "gaps \(gaps)")
        XCTAssertGreaterThan(gaps[1], gaps[2], "gaps \(gaps)")
        XCTAssertGreaterThan(gaps[2], 0, "gaps \(gaps)")
    }

    func test_identicalSamples_equalTheDeterministicEquilibrium() throws {
        let w = CostWeights(q: 1, kappa: 2, lambda: 1, gamma: 0.5, alpha: 0.1)
        var game = randomWindowGame(seed: 3, clients: 3, latentWidth: 2, window: 3, weights: w)
        let plain = try NashNSolver().solve(game, sample: nil)
        game.encodingSamples = game.encodings.map { [$0, $0] }
        let sampled = try NashNSolver().solve(game, sample: nil)
        XCTAssertLessThan(maxAbsDifference(plain.controls.flatMap { $0 }, sampled.controls.flatMap { $0 }), 1e-11)
    }

    /// With two equally likely joint draws of every client's Z per step, the expected cost (average over
    /// the 2^T paths) has a vanishing gradient in each client's own controls at the equilibrium.
    func test_monteCarloEquilibrium_satisfiesExpectedFirstOrderConditions() throws {
        let w = CostWeights(q: 1, kappa: 2, lambda: 0.5, gamma: 0.5, alpha: 0.1)
        let n = 3, dz = 2, T = 2
        var game = randomWindowGame(seed: 8, clients: n, latentWidth: dz, window: T, weights: w)
        var r = TestNormals(seed: 9)
        let draws = (0..<T).map { _ in (0..<2).map { _ in r.vector(n * dz).map { 0.5 + 0.3 * $0 } } }
        game.encodingSamples = draws
        game.encodings = draws.map { d in (0..<(n * dz)).map { 0.5 * (d[0][$0] + d[1][$0]) } }
        let laws = try NashNSolver().feedbackLaws(game)
        func expectedCost(client i: Int, deviation: [[Double]]) -> Double {
            var total = 0.0
            for path in 0..<(1 << T) {
                var pathGame = game
                pathGame.encodings = (0..<T).map { draws[$0][(path >> $0) & 1] }
                let play = NashNSolver().play(pathGame, laws: laws, deviator: i, deviation: deviation)
                total += pathGame.cost(client: i, states: play.states, controls: play.controls) / Double(1 << T)
            }
            return total
        }
        let h = 1e-3
        for i in 0..<n {
            for tau in 0..<T {
                for c in 0..<dz {
                    var up = Array(repeating: [Double](repeating: 0, count: dz), count: T), down = up
                    up[tau][c] = h
                    down[tau][c] = -h
                    let grad = (expectedCost(client: i, deviation: up) - expectedCost(client: i, deviation: down)) / (2 * h)
                    XCTAssertLessThan(abs(grad), 1e-8, "client \(i) step \(tau) column \(c)")
                }
            }
        }
    }
}
