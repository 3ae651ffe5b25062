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

    /// The quadratics of the forecastError criterion: F_i = q E_i + (1/N) Σ_k (κ D_k + γ B_k), read off the
    /// exact joint cost with the weights split (q alone for E_i; κ and γ alone for the shared part).
    private func forecastErrorParts(_ game: WindowGame) -> [(h: Matrix, g: [Double], c: Double)] {
        var own = game, shared = game
        own.weights = CostWeights(q: weights.q, kappa: 0, lambda: 0, gamma: 0, alpha: weights.alpha)
        shared.weights = CostWeights(q: 0, kappa: weights.kappa, lambda: 0, gamma: weights.gamma, alpha: weights.alpha)
        let n = game.clients, scale = 1 / Double(n)
        let regularizer = (0..<n).map { quadratic(shared, client: $0) }.reduce(into: (h: Matrix?.none, g: [Double](), c: 0.0)) { sum, p in
            sum.h = sum.h.map { $0 + scale * p.h } ?? scale * p.h
            sum.g = sum.g.isEmpty ? p.g.map { scale * $0 } : zip(sum.g, p.g).map { $0.0 + scale * $0.1 }
            sum.c += scale * p.c
        }
        return (0..<n).map { i in
            let e = quadratic(own, client: i)
            return (e.h + regularizer.h!, zip(e.g, regularizer.g).map { $0.0 + $0.1 }, e.c + regularizer.c)
        }
    }

    /// Brute force over a grid of weights ν on the simplex, μ = ρ π + (1 − ρ) ν (π = `floor`, uniform when
    /// nil): the centralized minimiser of Σ μ_i F_i for the given quadratics, then the best (smallest)
    /// (1 − ρ) max_i F_i + ρ Σ_i π_i F_i found and the best (largest) dual value.
    private func bruteForce(_ parts: [(h: Matrix, g: [Double], c: Double)], grid: Int, meanWeight rho: Double = 0,
                            floor: [Double]? = nil) throws -> (primal: Double, dual: Double) {
        let n = parts.count
        let pi = floor ?? [Double](repeating: 1 / Double(n), count: n)
        var points: [[Double]] = []
        func walk(_ prefix: [Int]) {
            let used = prefix.reduce(0, +)
            if prefix.count == n - 1 { points.append((prefix + [grid - used]).map { Double($0) / Double(grid) }); return }
            for k in 0...(grid - used) { walk(prefix + [k]) }
        }
        walk([])
        var primal = Double.infinity, dual = -Double.infinity
        for nu in points where nu.allSatisfy({ $0 > 0 }) {
            let mu = zip(pi, nu).map { rho * $0.0 + (1 - rho) * $0.1 }
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
            primal = min(primal, (1 - rho) * costs.max()! + rho * zip(pi, costs).reduce(0) { $0 + $1.0 * $1.1 })
            dual = max(dual, zip(mu, costs).reduce(0) { $0 + $1.0 * $1.1 })
        }
        return (primal, dual)
    }

    /// A window game whose clients' encoders differ enough for the criterion to matter.
    private func spreadGame(seed: UInt64, clients: Int, window: Int) -> WindowGame {
        var game = randomWindowGame(seed: seed, clients: clients, targetDimension: 1, latentWidth: 1, window: window, weights: weights)
        game.encodings = game.encodings.map { step in step.enumerated().map { $0.element * (0.3 + Double($0.offset)) } }
        return game
    }

    func test_minimax_agreesWithBruteForce_onTwoAndThreeClients() throws {
        for (seed, clients, window, grid) in [(1, 2, 1, 2000), (2, 2, 2, 2000), (3, 3, 1, 150), (4, 3, 2, 150)] as [(UInt64, Int, Int, Int)] {
            let game = spreadGame(seed: seed, clients: clients, window: window)
            let (best, gap) = try WorstClientSolver(tolerance: 1e-9, maxIterations: 20_000).minimax(game)
            let brute = try bruteForce((0..<clients).map { quadratic(game, client: $0) }, grid: grid)
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

    /// `worstCost: forecastError`, `meanWeight` and the online weights' floor π against the brute force on
    /// their own objective (1 − ρ) max_i F_i + ρ Σ_i π_i F_i (π uniform: the mean), F_i scored from the exact
    /// joint cost.
    func test_forecastErrorAndMeanWeight_agreeWithBruteForce() throws {
        let cases: [(UInt64, Int, Int, Int, WorstClientSolver.Cost, Double, [Double]?)] = [
            (5, 2, 2, 1000, .forecastError, 0, nil), (7, 3, 2, 100, .forecastError, 0.4, nil), (8, 3, 1, 100, .window, 0.4, nil),
            (10, 3, 2, 100, .forecastError, 0.5, [0.1, 0.3, 0.6]), (11, 2, 2, 1000, .forecastError, 0.85, [0.8, 0.2])]
        for (seed, clients, window, grid, cost, rho, floor) in cases {
            let game = spreadGame(seed: seed, clients: clients, window: window)
            let solver = WorstClientSolver(tolerance: 1e-9, maxIterations: 20_000, cost: cost, meanWeight: rho)
            let (best, gap) = try solver.minimax(game, floor: floor)
            let parts = cost == .window ? (0..<clients).map { quadratic(game, client: $0) } : forecastErrorParts(game)
            let brute = try bruteForce(parts, grid: grid, meanWeight: rho, floor: floor)
            let label = "seed \(seed), N = \(clients), T = \(window), \(cost), ρ = \(rho), π = \(floor ?? [])"
            let value = best.objective(meanWeight: rho, floor: floor)
            XCTAssertLessThanOrEqual(gap, 1e-9 * value, label)
            // The claimed per-client values are the exact ones of the solver's controls …
            let states = game.rollout(controls: best.controls)
            let exact: [Double]
            if cost == .window {
                exact = (0..<clients).map { game.cost(client: $0, states: states, controls: best.controls) }
            } else {
                let (errors, shared) = solver.forecastErrorParts(game, states: states, controls: best.controls)
                exact = errors.map { weights.q * $0 + shared }
            }
            XCTAssertLessThan(maxAbsDifference(exact, best.costs), 1e-9 * value, label)
            // … the value lies between the brute force's bounds and matches its best primal value.
            XCTAssertGreaterThanOrEqual(value, brute.dual - 1e-9 * value, label)
            XCTAssertLessThanOrEqual(value, brute.primal + 1e-9 * value, label)
            XCTAssertEqual(value, brute.primal, accuracy: 1e-3 * value, label)
        }
    }

    func test_uniformWeights_areExactlyMeanField() throws {
        let game = randomWindowGame(seed: 9, clients: 4, targetDimension: 2, latentWidth: 2, window: 3, weights: weights)
        let meanField = try MemoaSolver().solve(game, sample: nil)
        for cost in [WorstClientSolver.Cost.window, .forecastError] {
            let uniform = try WorstClientSolver(cost: cost).evaluate(game, weights: [Double](repeating: 0.25, count: 4))
            XCTAssertLessThan(maxAbsDifference(uniform.controls.flatMap { $0 }, meanField.controls.flatMap { $0 }), 1e-10, "\(cost)")
        }
        // ρ = 1 keeps every weight at 1/N: meanField whatever the cost.
        let full = try WorstClientSolver(cost: .forecastError, meanWeight: 1).solve(game, sample: nil)
        XCTAssertLessThan(maxAbsDifference(full.controls.flatMap { $0 }, meanField.controls.flatMap { $0 }), 1e-10)
    }
}
