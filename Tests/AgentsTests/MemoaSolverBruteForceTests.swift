import XCTest
import SimTestSupport
@testable import Agents

/// memoa's per-client response checked against an independent minimiser. With the mean-field trajectory m
/// held fixed, client i's window cost (Sources/Agents/README.md, "Time-series prediction", `memoa`)
///
///     J_i(β) = Σ_τ c_τ [ q |Y_τ+1 − y_τ+1|² + κ |Y_τ+1 − m_τ+1|² + γ |β_τ|² ],  Y_τ+1 = Y_τ + E_i,τ β_τ,
///
/// c_τ = exp(−α (T − 1 − τ)), is evaluated here from that formula (not from ``TrackingRiccati``, which
/// minimises the equivalent (q + κ) |Y − r|² form) and minimised by cyclic coordinate descent with an exact
/// parabola step per coordinate. The solver's controls must match the minimiser's.
final class MemoaSolverBruteForceTests: XCTestCase {
    private let weights = CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 0.5, alpha: 0.3)

    /// J_i(β) for flat controls β (`[τ][latent]`), straight from the formula above.
    private func windowCost(_ game: WindowGame, client i: Int, meanField m: [Double], controls beta: [Double]) -> Double {
        let w = game.weights, dy = game.targetDimension, dz = game.latentWidth
        var y = game.targets[0], total = 0.0
        for tau in 0..<game.window {
            let control = Array(beta[(tau * dz)..<((tau + 1) * dz)])
            let move = game.encoding(client: i, step: tau) * control
            var stage = 0.0
            for d in 0..<dy {
                y[d] += move[d]
                let miss = y[d] - game.targets[tau + 1][d], spread = y[d] - m[tau * dy + d]
                stage += w.q * miss * miss + w.kappa * spread * spread
            }
            stage += w.gamma * control.reduce(0) { $0 + $1 * $1 }
            total += exp(-w.alpha * Double(game.window - 1 - tau)) * stage
        }
        return total
    }

    /// Cyclic coordinate descent; on a convex quadratic the parabola through three points is exact.
    private func bruteForceMinimum(_ cost: ([Double]) -> Double, dimension: Int) -> [Double] {
        var x = [Double](repeating: 0, count: dimension)
        let h = 0.5
        for _ in 0..<20_000 {
            var largest = 0.0
            for j in 0..<dimension {
                var plus = x, minus = x
                plus[j] += h
                minus[j] -= h
                let f0 = cost(x), fPlus = cost(plus), fMinus = cost(minus)
                let curvature = (fPlus + fMinus - 2 * f0) / (2 * h * h), slope = (fPlus - fMinus) / (2 * h)
                guard curvature > 0 else { continue }
                let step = -slope / (2 * curvature)
                x[j] += step
                largest = max(largest, abs(step))
            }
            if largest < 1e-13 { break }
        }
        return x
    }

    func test_eachClientsResponse_minimisesItsWindowCost_givenTheMeanField() throws {
        try withEverySeed(1...6) { seed in
            let dy = 1 + Int(seed % 2), n = 2 + Int(seed % 3)
            let game = randomWindowGame(seed: seed, clients: n, targetDimension: dy, latentWidth: 2, window: 3, weights: weights)
            let solution = try MemoaSolver().solve(game, sample: nil)
            let m = solution.meanField!.flatMap { $0 }
            for i in 0..<n {
                let solver = (0..<game.window).flatMap { tau in (0..<2).map { solution.controls[tau][i * 2 + $0] } }
                let brute = bruteForceMinimum({ windowCost(game, client: i, meanField: m, controls: $0) }, dimension: solver.count)
                XCTAssertLessThan(maxAbsDifference(solver, brute), 1e-7, "seed \(seed) client \(i)")
                let gap = windowCost(game, client: i, meanField: m, controls: solver) - windowCost(game, client: i, meanField: m, controls: brute)
                XCTAssertLessThan(abs(gap), 1e-10, "seed \(seed) client \(i)")
            }
        }
    }

    /// The check can fail: a solver that ignored κ (tracked y alone) would be far from the minimiser.
    func test_theMinimiserSeparatesTrackingTheTargetFromTrackingTheMeanField() throws {
        let game = randomWindowGame(seed: 3, clients: 3, latentWidth: 2, window: 3, weights: weights)
        let solution = try MemoaSolver().solve(game, sample: nil)
        let m = solution.meanField!.flatMap { $0 }
        let shifted = m.map { $0 + 1 }
        let brute = bruteForceMinimum({ windowCost(game, client: 0, meanField: shifted, controls: $0) }, dimension: 6)
        let solver = (0..<3).flatMap { tau in (0..<2).map { solution.controls[tau][$0] } }
        XCTAssertGreaterThan(maxAbsDifference(solver, brute), 1e-3)
    }
}
