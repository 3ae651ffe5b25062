import XCTest
import SimTestSupport
@testable import Agents

/// The worstClient criterion against a brute-force minimax that uses only the exact joint cost
/// (``WindowGame/cost(client:states:controls:)``, m the mean of all N states) and no mean-field reasoning.
final class WorstClientSolverTests: XCTestCase {
    private let weights = CostWeights(q: 1, kappa: 4, lambda: 0, gamma: 0.3, alpha: 0.05)

    /// Client i's exact window cost as a quadratic ½ uᵀ H u + gᵀ u + c of the stacked controls u
    /// (`[τ][client][column]`), read off by evaluating the cost (exact for a quadratic up to rounding).
    private func quadratic(_ game: WindowGame, client i: Int) -> (h: Matrix, g: [Double], c: Double) {
        let n = game.clients * game.latentWidth, d = game.window * n
        func f(_ u: [Double]) -> Double {
            let controls = (0..<game.window).map { Array(u[($0 * n)..<(($0 + 1) * n)]) }
            return game.cost(client: i, states: game.rollout(controls: controls), controls: controls)
        }
        let zero = [Double](repeating: 0, count: d)
        let c = f(zero)
        func unit(_ k: Int, _ v: Double = 1) -> [Double] { var u = zero; u[k] = v; return u }
        let g = (0..<d).map { (f(unit($0)) - f(unit($0, -1))) / 2 }
        var h = Matrix(rows: d, columns: d)
        for k in 0..<d {
            for l in 0..<d {
                var u = unit(k)
                u[l] += 1
                h[k, l] = f(u) - f(unit(k)) - f(unit(l)) + c
            }
        }
        return (h, g, c)
    }

    /// Brute force over a grid of weights μ on the simplex: the centralized minimiser of Σ μ_i J_i, then
    /// the best (smallest) max_i J_i found and the best (largest) dual value.
    private func bruteForce(_ game: WindowGame, grid: Int) throws -> (primal: Double, dual: Double) {
        let n = game.clients
        let parts = (0..<n).map { quadratic(game, client: $0) }
        var points: [[Double]] = []
        func walk(_ prefix: [Int]) {
            let used = prefix.reduce(0, +)
            if prefix.count == n - 1 { points.append((prefix + [grid - used]).map { Double($0) / Double(grid) }); return }
            for k in 0...(grid - used) { walk(prefix + [k]) }
        }
        walk([])
        var primal = Double.infinity, dual = -Double.infinity
        for mu in points where mu.allSatisfy({ $0 > 0 }) {
            var h = Matrix(rows: parts[0].h.rows, columns: parts[0].h.columns)
            var g = [Double](repeating: 0, count: parts[0].g.count)
            for i in 0..<n {
                h = h + mu[i] * parts[i].h
                for k in g.indices { g[k] += mu[i] * parts[i].g[k] }
            }
            let u = try LUFactorization(h).solve(g.map { -$0 })
            let costs = parts.map { p -> Double in
                let hu = p.h * u
                return 0.5 * zip(u, hu).reduce(0) { $0 + $1.0 * $1.1 } + zip(p.g, u).reduce(0) { $0 + $1.0 * $1.1 } + p.c
            }
            primal = min(primal, costs.max()!)
            dual = max(dual, zip(mu, costs).reduce(0) { $0 + $1.0 * $1.1 })
        }
        return (primal, dual)
    }

    func test_minimax_agreesWithBruteForce_onTwoAndThreeClients() throws {
        for (seed, clients, window, grid) in [(1, 2, 1, 2000), (2, 2, 2, 2000), (3, 3, 1, 150), (4, 3, 2, 150)] as [(UInt64, Int, Int, Int)] {
            var game = randomWindowGame(seed: seed, clients: clients, targetDimension: 1, latentWidth: 1, window: window, weights: weights)
            // Spread the encoders so the clients differ enough for the criterion to matter.
            game.encodings = game.encodings.map { step in step.enumerated().map { $0.element * (0.3 + Double($0.offset)) } }
            let (best, gap) = try WorstClientSolver(tolerance: 1e-9, maxIterations: 20_000).minimax(game)
            let brute = try bruteForce(game, grid: grid)
            let label = "seed \(seed), N = \(clients), T = \(window)"
            XCTAssertLessThanOrEqual(gap, 1e-9 * best.worst, label)
            // The solver's controls, scored by the exact joint cost, give the value it claims …
            let exact = (0..<clients).map { game.cost(client: $0, states: game.rollout(controls: best.controls), controls: best.controls) }
            XCTAssertEqual(exact.max()!, best.worst, accuracy: 1e-9 * best.worst, label)
            // … which lies between the brute force's bounds and matches its best primal value.
            XCTAssertGreaterThanOrEqual(best.worst, brute.dual - 1e-9 * best.worst, label)
            XCTAssertLessThanOrEqual(best.worst, brute.primal + 1e-9 * best.worst, label)
            XCTAssertEqual(best.worst, brute.primal, accuracy: 1e-3 * best.worst, label)
            // The criterion lowers the largest cost below meanField's.
            let meanField = try MemoaSolver().solve(game, sample: nil)
            let meanFieldWorst = (0..<clients).map { game.cost(client: $0, states: meanField.states, controls: meanField.controls) }.max()!
            XCTAssertLessThan(best.worst, meanFieldWorst, label)
        }
    }

    func test_uniformWeights_areExactlyMeanField() throws {
        let game = randomWindowGame(seed: 9, clients: 4, targetDimension: 2, latentWidth: 2, window: 3, weights: weights)
        let uniform = try WorstClientSolver().evaluate(game, weights: [Double](repeating: 0.25, count: 4))
        let meanField = try MemoaSolver().solve(game, sample: nil)
        XCTAssertLessThan(maxAbsDifference(uniform.controls.flatMap { $0 }, meanField.controls.flatMap { $0 }), 1e-10)
    }
}
