import Foundation

/// `memoa` with `criterion: "worstClient"`: the decentralized policy that minimises the **largest** client
/// cost of the window, min_β max_i J_i — **our reconstruction** of MEMOA's "under-performer" criterion
/// (Yang, Emerson, Tavakoli & Kratsios 2026; its equations are not public). Assumptions, as in
/// ``MemoaSolver``: λ is dropped; J_i = Σ_τ c_τ [q |Y_i − y|² + κ |Y_i − m|² + γ |β_i|²] with m the
/// mean of all N replayed predictions; every J_i is a convex quadratic of the stacked controls.
///
/// **Epigraph and duality.** min_β max_i J_i = min_{β, s} s subject to J_i ≤ s; its Lagrange dual is
/// D(μ) = min_β Σ_i μ_i J_i(β) over weights μ on the simplex, and for this convex problem
/// max_μ D(μ) = min_β max_i J_i (strong duality). Weak duality certifies every iterate:
/// D(μ) ≤ optimum ≤ max_i J_i(β(μ)).
///
/// **The weighted problem is decentralized.** Let m_μ = Σ_i μ_i Y_i. The gradient of Σ_i μ_i J_i in Y_j at
/// step τ is 2 c_τ [μ_j q (Y_j − y) + κ μ_j (Y_j − m) − κ (m_μ − m) / N] (the last term is every client's
/// κ-cost through m = (1/N) Σ Y). It equals the gradient of μ_j c_τ [(q + κ) |Y_j − r_j|² + γ |β_j|²] with
///   r_j = (q y + κ m + s_j (m_μ − m)) / (q + κ),  s_j = κ / (N μ_j),
/// so with (m, m_μ) held fixed each client solves its own d_y-dimensional tracking problem
/// (``TrackingRiccati``, the same P and G as `meanField`) and acts on its own state plus the two
/// broadcast aggregates m and m_μ and its weight μ_j. At uniform μ, m_μ = m and the policy is exactly
/// `meanField`'s. The response is affine in the reference, Y_j = a_j + L_j r_j, so the consistent
/// (m, m_μ) is one 2·T·d_y linear system; the stationary point is the exact minimiser of Σ μ_i J_i
/// for any N (the sum is strictly convex when q > 0, γ > 0 and μ > 0).
///
/// **The weights.** D is concave with gradient (J_i(β(μ)))_i (Danskin), ascended by exponentiated
/// gradient μ_i ← μ_i exp(η J_i / max_j J_j) / Σ, with η grown by 1.25 after an ascent and halved (the
/// step undone) otherwise — also when the trial weights make the consistency system numerically singular
/// (a weight near 0 makes s_j huge). It stops when the certified relative gap
/// (min over iterates of max_i J_i − max over iterates of D) / min max_i J_i ≤ `tolerance`, or after
/// `maxIterations`; the iterate with the smallest max_i J_i is returned. Cost O(N (T d_y)²) per iteration
/// after O(N T d_y) tracking responses.
///
/// **A share of the mean (`meanWeight` ρ).** The criterion (1 − ρ) max_i J_i + ρ mean_i J_i equals
/// max over μ = ρ/N + (1 − ρ) ν, ν on the simplex, of Σ μ_i J_i: the same dual with every weight kept at
/// μ_i ≥ ρ/N. The ascent moves ν (the gradient in ν is (1 − ρ) J, so the same exponentiated step applies)
/// and the certificate compares D(μ) with the criterion's value. ρ = 0 is the plain minimax; ρ = 1 is
/// `meanField`. Why a share: when the worst client's cost cannot be lowered by any control (its encoder
/// cannot express the target's increments), the plain minimax is indifferent to every other client and
/// its solver may level them down (the weights of the others go to 0); the floor keeps them weighted.
/// It also bounds s_j ≤ κ / ρ.
///
/// **Which cost (`cost`).** ``Cost/window`` bounds the whole window cost J_i as derived above;
/// ``Cost/forecastError`` bounds each client's own forecast error instead (WorstClientSolver+ForecastError).
///
/// **Which weights (`weights`).** ``Weights/window`` keeps the share ρ on the mean, as above;
/// ``Weights/online(rate:)`` puts it on weights π from the clients' realized losses over the run so far
/// instead, every μ_i ≥ ρ π_i (WorstClientSolver+OnlineWeights).
public struct WorstClientSolver: WindowGameSolver, Equatable, Codable {
    /// Which per-client cost the criterion bounds.
    public enum Cost: String, Sendable, Equatable, Codable {
        /// The whole window cost J_i (coupling and effort included): the derivation above.
        case window
        /// The client's own forecast error q E_i, with the coupling and effort averaged over the clients
        /// as a shared regularizer (derived in WorstClientSolver+ForecastError.swift).
        case forecastError
    }

    /// Where the client weights μ come from.
    public enum Weights: Sendable, Equatable, Codable {
        /// The exponentiated-gradient ascent on the window's dual D(μ) (the derivation above; the default).
        case window
        /// The share ρ on the soft maximum of the clients' realized cumulative losses, rate η > 0
        /// (derived in WorstClientSolver+OnlineWeights.swift).
        case online(rate: Double)
    }

    public var tolerance: Double
    public var maxIterations: Int
    public var cost: Cost
    /// ρ ∈ [0, 1]: the criterion is (1 − ρ) max_i F_i + ρ mean_i F_i (ρ = 0, the default: the plain
    /// minimax; ρ = 1: `meanField`). Its dual keeps every weight μ_i ≥ ρ / N (below).
    public var meanWeight: Double
    /// Where μ comes from (``Weights/window``, the default, or ``Weights/online(rate:)``).
    public var weights: Weights

    public init(tolerance: Double = 1e-6, maxIterations: Int = 2000, cost: Cost = .window, meanWeight: Double = 0,
                weights: Weights = .window) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.cost = cost
        self.meanWeight = meanWeight
        self.weights = weights
    }

    /// One client's affine response to its reference r (flat `[τ][dimension]`): states Y_1 … Y_T = a + L r,
    /// controls β_0 … β_{T−1} = b + K r.
    struct AffineResponse {
        var states: [Double]
        var stateSlope: Matrix
        var controls: [Double]
        var controlSlope: Matrix
    }

    /// The per-step-weighted window result: states, controls and each client's J_i.
    public struct Evaluation: Sendable {
        public var weights: [Double]
        public var states: [[Double]]
        public var controls: [[Double]]
        public var meanField: [Double]
        public var costs: [Double]
        /// D(μ) = Σ μ_i J_i.
        public var dual: Double { zip(weights, costs).reduce(0) { $0 + $1.0 * $1.1 } }
        /// max_i J_i.
        public var worst: Double { costs.max() ?? 0 }
        /// The criterion's value (1 − ρ) max_i J_i + ρ mean_i J_i.
        public func objective(meanWeight rho: Double) -> Double {
            rho == 0 ? worst : (1 - rho) * worst + rho * costs.reduce(0, +) / Double(max(1, costs.count))
        }
        /// (1 − ρ) max_i J_i + ρ Σ_i π_i J_i: the criterion with the share ρ on the π-weighted cost
        /// instead of the mean (`floor` π on the simplex; nil: the mean, ``objective(meanWeight:)``).
        public func objective(meanWeight rho: Double, floor: [Double]?) -> Double {
            guard let pi = floor else { return objective(meanWeight: rho) }
            return (1 - rho) * worst + rho * zip(pi, costs).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    func responses(_ game: WindowGame) throws -> [AffineResponse] {
        let plans = try MemoaSolver().plans(game)
        let size = game.window * game.targetDimension, dz = game.latentWidth, dy = game.targetDimension
        let zero = Array(repeating: [Double](repeating: 0, count: dy), count: game.window)
        return plans.map { plan in
            let base = plan.response(start: game.targets[0], reference: zero)
            let a = Array(base.states.dropFirst().joined()), b = Array(base.controls.joined())
            var l = Matrix(rows: size, columns: size), k = Matrix(rows: game.window * dz, columns: size)
            for col in 0..<size {
                var unit = zero
                unit[col / dy][col % dy] = 1
                let r = plan.response(start: game.targets[0], reference: unit)
                for (row, v) in r.states.dropFirst().joined().enumerated() { l[row, col] = v - a[row] }
                for (row, v) in r.controls.joined().enumerated() { k[row, col] = v - b[row] }
            }
            return AffineResponse(states: a, stateSlope: l, controls: b, controlSlope: k)
        }
    }

    /// The exact minimiser of Σ μ_i J_i and every J_i along it.
    /// - Throws: ``LinearAlgebraError`` when the consistency system is singular.
    public func evaluate(_ game: WindowGame, weights mu: [Double]) throws -> Evaluation {
        cost == .window ? try evaluate(game, responses: try responses(game), weights: mu)
            : try evaluateForecastError(game, weights: mu)
    }

    func evaluate(_ game: WindowGame, responses: [AffineResponse], weights mu: [Double]) throws -> Evaluation {
        let w = game.weights, n = game.clients, dy = game.targetDimension, dz = game.latentWidth
        let size = game.window * dy, total = w.q + w.kappa
        let alpha = w.kappa / total
        let u = (0..<size).map { w.q * game.targets[$0 / dy + 1][$0 % dy] / total }
        // Y_j = c_j + L_j [(α − σ_j) m + σ_j m_μ], c_j = a_j + L_j u, σ_j = κ / ((q + κ) N μ_j).
        var system = Matrix(rows: 2 * size, columns: 2 * size)
        system.addToDiagonal(1)
        var rhs = [Double](repeating: 0, count: 2 * size)
        var offsets: [[Double]] = []
        let sigmas = mu.map { alpha / (Double(n) * $0) }
        for j in 0..<n {
            let l = responses[j].stateSlope
            let lu = l * u
            let c = (0..<size).map { responses[j].states[$0] + lu[$0] }
            offsets.append(c)
            let meanRow = 1 / Double(n)
            for r in 0..<size {
                rhs[r] += meanRow * c[r]
                rhs[size + r] += mu[j] * c[r]
                for k in 0..<size {
                    system[r, k] -= meanRow * (alpha - sigmas[j]) * l[r, k]
                    system[r, size + k] -= meanRow * sigmas[j] * l[r, k]
                    system[size + r, k] -= mu[j] * (alpha - sigmas[j]) * l[r, k]
                    system[size + r, size + k] -= mu[j] * sigmas[j] * l[r, k]
                }
            }
        }
        let solved = try LUFactorization(system).solve(rhs)
        let m = Array(solved[0..<size]), mMu = Array(solved[size...])
        var states = Array(repeating: [Double](repeating: 0, count: n * dy), count: game.window + 1)
        var controls = Array(repeating: [Double](repeating: 0, count: n * dz), count: game.window)
        states[0] = game.initialState
        var actualMean = [Double](repeating: 0, count: size)
        var own: [[Double]] = [], effort: [[Double]] = []
        for j in 0..<n {
            let shift = (0..<size).map { (alpha - sigmas[j]) * m[$0] + sigmas[j] * mMu[$0] }
            let move = responses[j].stateSlope * shift
            let y = (0..<size).map { offsets[j][$0] + move[$0] }
            let reference = (0..<size).map { u[$0] + shift[$0] }
            let k = responses[j].controlSlope * reference
            let beta = (0..<(game.window * dz)).map { responses[j].controls[$0] + k[$0] }
            for r in 0..<size { actualMean[r] += y[r] / Double(n) }
            own.append(y)
            effort.append(beta)
            for tau in 0..<game.window {
                for d in 0..<dy { states[tau + 1][j * dy + d] = y[tau * dy + d] }
                for c in 0..<dz { controls[tau][j * dz + c] = beta[tau * dz + c] }
            }
        }
        let costs = (0..<n).map { j -> Double in
            var total = 0.0
            for tau in 0..<game.window {
                var stage = 0.0
                for d in 0..<dy {
                    let v = own[j][tau * dy + d], e = v - game.targets[tau + 1][d], dev = v - actualMean[tau * dy + d]
                    stage += w.q * e * e + w.kappa * dev * dev
                }
                for c in 0..<dz { stage += w.gamma * effort[j][tau * dz + c] * effort[j][tau * dz + c] }
                total += w.discount(step: tau, window: game.window) * stage
            }
            return total
        }
        return Evaluation(weights: mu, states: states, controls: controls, meanField: actualMean, costs: costs)
    }

    /// The weights and the window's solution with the smallest criterion value found
    /// ((1 − ρ) max_i J_i + ρ mean_i J_i), and the certified gap.
    /// With `floor` π (on the simplex) the share ρ goes to Σ_i π_i J_i instead of the mean: every
    /// μ_i ≥ ρ π_i (WorstClientSolver+OnlineWeights); nil keeps the mean.
    public func minimax(_ game: WindowGame, floor: [Double]? = nil) throws -> (best: Evaluation, gap: Double) {
        let n = game.clients, rho = meanWeight
        let affine = cost == .window ? try responses(game) : []
        func evaluate(_ mu: [Double]) throws -> Evaluation {
            cost == .window ? try self.evaluate(game, responses: affine, weights: mu)
                : try evaluateForecastError(game, weights: mu)
        }
        // μ = ρ/N + (1 − ρ) ν with ν on the simplex; the ascent moves ν (the gradient in ν is ∝ J).
        func floored(_ nu: [Double]) -> [Double] {
            if let pi = floor { return zip(pi, nu).map { rho * $0.0 + (1 - rho) * $0.1 } }
            return rho == 0 ? nu : nu.map { rho / Double(n) + (1 - rho) * $0 }
        }
        var nu = [Double](repeating: 1 / Double(n), count: n)
        var current = try evaluate(floored(nu))
        var best = current, bestDual = current.dual
        var step = 1.0
        for _ in 0..<maxIterations {
            let value = best.objective(meanWeight: rho, floor: floor), gap = value - bestDual
            if gap <= tolerance * max(abs(value), .leastNormalMagnitude) { break }
            let scale = max(current.worst, .leastNormalMagnitude)
            var logs = zip(nu, current.costs).map { log($0.0) + step * $0.1 / scale }
            let top = logs.max() ?? 0
            logs = logs.map { $0 - top }
            var next = logs.map { exp($0) }
            let sum = next.reduce(0, +)
            next = next.map { max($0 / sum, 1e-300) }
            // A weight driven towards 0 makes s_j = κ / (N μ_j) huge and the consistency system
            // numerically singular: treat that trial as a failed ascent and take a shorter step.
            let trial: Evaluation
            do {
                trial = try evaluate(floored(next))
            } catch is LinearAlgebraError {
                step *= 0.5
                continue
            }
            if trial.objective(meanWeight: rho, floor: floor) < best.objective(meanWeight: rho, floor: floor) { best = trial }
            if trial.dual >= current.dual {
                nu = next
                current = trial
                bestDual = max(bestDual, trial.dual)
                step *= 1.25
            } else {
                step *= 0.5
            }
        }
        return (best, best.objective(meanWeight: rho, floor: floor) - bestDual)
    }

    /// The window's minimax; with ``Weights/online(rate:)``, whose weights need the run's losses
    /// (``solve(_:losses:)``), as if every loss were still 0 (uniform π: the mean share).
    public func solve(_ game: WindowGame, sample: [Int]?) throws -> WindowSolution {
        guard weights == .window else { return try solve(game, losses: [Double](repeating: 0, count: game.clients)) }
        return solution(try minimax(game).best, game)
    }

    /// The window solution of an evaluation, with its mean-field.
    func solution(_ evaluation: Evaluation, _ game: WindowGame) -> WindowSolution {
        let dy = game.targetDimension
        let meanField = (0..<game.window).map { Array(evaluation.meanField[($0 * dy)..<(($0 + 1) * dy)]) }
        return WindowSolution(controls: evaluation.controls, states: evaluation.states, meanField: meanField)
    }
}
