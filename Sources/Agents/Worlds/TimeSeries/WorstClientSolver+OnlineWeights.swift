import Foundation

/// `weights: online(rate: η)`: the worst client measured over the run instead of the window — **our
/// reconstruction** of MEMOA's "largest online cost of any client" (Yang, Emerson, Tavakoli & Kratsios
/// 2026; its equations are not public), a variant of the derivation in ``WorstClientSolver``.
///
/// **The run's criterion.** With ℓ_{i,s} = |Ŷ_{i,s} − y_s|² client i's realized one-step-ahead loss at
/// round s (out of sample: Ŷ_{i,s} was issued before y_s was seen) and L_{i,t} = Σ_{s ≤ t} ℓ_{i,s}, the
/// criterion is min max_i L_{i,R} over the whole run — the quantity `worstClientRMSE` reports. Its
/// epigraph's dual, max over μ on the simplex of Σ_i μ_i L_{i,R}, is a zero-sum game between the clients'
/// controls and a player choosing the weights, played online round by round (Freund & Schapire 1999,
/// "Adaptive game playing using multiplicative weights").
///
/// **The run's weights** are exponential weights (Hedge) on the clients' cumulative losses with the
/// scale-free rate η / L̄_t:
///   π_{i,t} = exp(η L_{i,t} / L̄_t) / Σ_j exp(η L_{j,t} / L̄_t),  L̄_t = (1/N) Σ_j L_{j,t},
/// uniform while L̄_t = 0. π_t is the gradient of the soft maximum (L̄_t/η) log Σ_j exp(η L_{j,t}/L̄_t) of
/// the losses: η → 0 gives uniform weights, η → ∞ all weight on the client worst so far. Hedge's
/// guarantee, Σ_t π_t · ℓ_t ≥ max_i L_i − regret, is why lowering the π-weighted loss every round lowers
/// the largest; its O(√t) regret needs a rate falling like 1/√t, while η / L̄_t falls like 1/t and so
/// depends only on the clients' relative losses L_i / L̄ — the weights do not pile onto one client as
/// the sums grow (a choice of ours; η is a tuned hyper-parameter).
///
/// **Round t's window** minimises (1 − ρ) max_i F_i + ρ Σ_i π_{i,t} F_i (ρ = `meanWeight`): the window's
/// worst client plus a share ρ of the run's soft maximum, linearized at π_t. As for the mean share in
/// ``WorstClientSolver``, this equals the max over μ = ρ π_t + (1 − ρ) ν, ν on the simplex, of Σ_i μ_i F_i,
/// so the same ascent on ν runs with every μ_i ≥ ρ π_{i,t} (π uniform is the mean share exactly; ρ = 1
/// is the weighted problem at π_t, no ascent). F_i is the client's own forecast error plus the shared
/// coupling and effort (`cost: forecastError`, the exact decentralized minimiser of
/// WorstClientSolver+ForecastError: each client acts on its own state, m and its tracking weight
/// q_j = N μ_j q). The run's weight is then a lever on the client's own forecast: a client with a large
/// loss so far tracks y harder against its effort γ. (The window cost J_i scales tracking and effort
/// alike, so its weights move only the coupling; it is not offered with online weights.)
extension WorstClientSolver {
    /// π_t from the clients' realized cumulative losses L_{i,t} (uniform while they are all 0).
    /// - Precondition: `losses` is not empty; `rate` > 0.
    public func onlineWeights(losses: [Double], rate eta: Double) -> [Double] {
        let n = Double(losses.count)
        let mean = losses.reduce(0, +) / n
        guard mean > 0 else { return losses.map { _ in 1 / n } }
        let logits = losses.map { eta * $0 / mean }
        let top = logits.max() ?? 0
        let powers = logits.map { exp($0 - top) }
        let total = powers.reduce(0, +)
        return powers.map { $0 / total }
    }

    /// The window under the weights of ``weights``: with ``Weights/online(rate:)`` the minimax with the
    /// share ρ on ``onlineWeights(losses:rate:)`` of `losses` (the clients' realized losses so far); with
    /// ``Weights/window`` the window's own minimax (`losses` unused).
    /// - Throws: ``LinearAlgebraError`` when a Riccati pass or the consistency system is singular.
    public func solve(_ game: WindowGame, losses: [Double]) throws -> WindowSolution {
        guard case .online(let rate) = weights else { return try solve(game, sample: nil) }
        return solution(try minimax(game, floor: onlineWeights(losses: losses, rate: rate)).best, game)
    }
}
