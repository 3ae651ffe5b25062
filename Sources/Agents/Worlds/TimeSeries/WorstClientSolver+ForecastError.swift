import Foundation

/// `cost: forecastError`: the worst client measured on the forecast metric's own scale — **our
/// reconstruction**, a variant of the derivation in ``WorstClientSolver``. With E_i = Σ_τ c_τ |Y_i − y|²,
/// D_i = Σ_τ c_τ |Y_i − m|² and B_i = Σ_τ c_τ |β_i|² (m the mean of all N replayed predictions) the window
/// minimises
///   max_i F_i,  F_i = q E_i + R,  R = (1/N) Σ_k (κ D_k + γ B_k):
/// the largest own forecast error, with the coupling and the effort averaged over the clients as one
/// shared regularizer (so the criterion cannot lower its value by pulling the others towards the worst
/// client, which lowers that client's κ-cost but not its error; the window cost J_i can be lowered so).
///
/// **Decentralized dual.** D(μ) = min_β Σ_i μ_i F_i = min_β Σ_i μ_i q E_i + R. Its gradient in Y_j at step τ is
/// 2 c_τ [q μ_j (Y_j − y) + (κ/N)(Y_j − m)] (the κ-terms through m sum to (κ/N²) Σ_k (Y_k − m) = 0), and in
/// β_j it is 2 c_τ γ β_j / N. Times N this is the gradient of client j's own tracking problem
///   Σ_τ c_τ [(q_j + κ) |Y_j − r_j|² + γ |β_j|²],  q_j = N μ_j q,  r_j = (q_j y + κ m) / (q_j + κ),
/// with m held fixed: each client acts on its own state and the broadcast m with its own tracking
/// weight q_j (``TrackingRiccati``); uniform μ gives q_j = q, exactly `meanField`. The response is affine
/// in m, so the consistent m is one T·d_y linear solve, as in ``MemoaSolver``, and since Σ μ_i F_i is
/// convex (strictly for γ > 0) that stationary point is its minimiser. Weak and strong duality, the
/// ascent on μ and the certified gap are those of ``WorstClientSolver``; the plans depend on μ, so every
/// ascent step runs N Riccati passes.
extension WorstClientSolver {
    /// The exact minimiser of Σ μ_i F_i and every F_i along it.
    /// - Throws: ``LinearAlgebraError`` when a Riccati pass or the consistency system is singular.
    func evaluateForecastError(_ game: WindowGame, weights mu: [Double]) throws -> Evaluation {
        let w = game.weights, n = game.clients, dy = game.targetDimension, dz = game.latentWidth
        let size = game.window * dy
        let discounts = (0..<game.window).map { w.discount(step: $0, window: game.window) }
        let own = mu.map { w.q * Double(n) * $0 }
        var plans: [TrackingRiccati] = []
        var mean0 = [Double](repeating: 0, count: size)
        var slope = Matrix(rows: size, columns: size)
        // Client j's reference with m = 0 (its target part) and per unit of m: r_j = u_j + (κ / (q_j + κ)) m.
        func target(_ j: Int) -> [[Double]] {
            let total = own[j] + w.kappa
            return (0..<game.window).map { tau in
                (0..<dy).map { total == 0 ? 0 : own[j] * game.targets[tau + 1][$0] / total }
            }
        }
        for j in 0..<n {
            let samples = game.encodingSamples == nil ? nil
                : (0..<game.window).map { game.encodingSamples(client: j, step: $0)! }
            let plan = try TrackingRiccati(encodings: (0..<game.window).map { game.encoding(client: j, step: $0) },
                                           samples: samples, trackingWeight: own[j] + w.kappa, controlWeight: w.gamma,
                                           discounts: discounts)
            plans.append(plan)
            let u = target(j)
            let a = Array(plan.response(start: game.targets[0], reference: u).states.dropFirst().joined())
            for r in 0..<size { mean0[r] += a[r] / Double(n) }
            guard w.kappa != 0 else { continue }
            let coupling = w.kappa / (own[j] + w.kappa)
            for k in 0..<size {
                var reference = u
                reference[k / dy][k % dy] += coupling
                let y = Array(plan.response(start: game.targets[0], reference: reference).states.dropFirst().joined())
                for r in 0..<size { slope[r, k] += (y[r] - a[r]) / Double(n) }
            }
        }
        var system = -1 * slope
        system.addToDiagonal(1)
        let m = try LUFactorization(system).solve(mean0)
        var states = Array(repeating: [Double](repeating: 0, count: n * dy), count: game.window + 1)
        var controls = Array(repeating: [Double](repeating: 0, count: n * dz), count: game.window)
        states[0] = game.initialState
        for j in 0..<n {
            var reference = target(j)
            let coupling = own[j] + w.kappa == 0 ? 0 : w.kappa / (own[j] + w.kappa)
            for k in 0..<size { reference[k / dy][k % dy] += coupling * m[k] }
            let response = plans[j].response(start: game.targets[0], reference: reference)
            for tau in 0..<game.window {
                for d in 0..<dy { states[tau + 1][j * dy + d] = response.states[tau + 1][d] }
                for c in 0..<dz { controls[tau][j * dz + c] = response.controls[tau][c] }
            }
        }
        let (errors, shared) = forecastErrorParts(game, states: states, controls: controls)
        let meanField = (0..<size).map { k in (0..<n).reduce(0) { $0 + states[k / dy + 1][$1 * dy + k % dy] } / Double(n) }
        return Evaluation(weights: mu, states: states, controls: controls, meanField: meanField,
                          costs: errors.map { w.q * $0 + shared })
    }

    /// Every client's E_i and the shared R = (1/N) Σ_k (κ D_k + γ B_k) along a trajectory.
    func forecastErrorParts(_ game: WindowGame, states: [[Double]], controls: [[Double]]) -> (errors: [Double], shared: Double) {
        let w = game.weights, n = game.clients, dy = game.targetDimension, dz = game.latentWidth
        var errors = [Double](repeating: 0, count: n), shared = 0.0
        for tau in 0..<game.window {
            let c = w.discount(step: tau, window: game.window), x = states[tau + 1]
            for d in 0..<dy {
                let mean = (0..<n).reduce(0) { $0 + x[$1 * dy + d] } / Double(n)
                for i in 0..<n {
                    let e = x[i * dy + d] - game.targets[tau + 1][d], dev = x[i * dy + d] - mean
                    errors[i] += c * e * e
                    shared += c * w.kappa * dev * dev / Double(n)
                }
            }
            for i in 0..<n {
                for k in 0..<dz { shared += c * w.gamma * controls[tau][i * dz + k] * controls[tau][i * dz + k] / Double(n) }
            }
        }
        return (errors, shared)
    }
}
