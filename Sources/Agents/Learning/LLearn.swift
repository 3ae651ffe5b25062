import Foundation

/// L-LEARN (the module README, "Tabular mean-field game"): with the global policy fixed, the
/// representative local agent's best response on (s_g, s_l), then a local policy extracted from Q.
///
///   mu                  = stationary law of s_l under pi_l, s_g weighted by w (see ``GlobalWeighting``)
///   P_g_eff(s_g'|s_g)   = Σ_c Multinomial(c; k, mu) P_g(s_g' | s_g, pi_g(s_g, c))   (exact enumeration)
///   K(s_g'|s_g, s_l)    = P_g_eff(s_g'|s_g)                       (``Model/stationary``, the paper's)
///                       | P(s_g'|s_g, s_l) of ``ClosedLoopKernel`` (``Model/joint``)
///   Q(s_g, s_l, a)      = r_l(s_l, s_g, a) + γ Σ_{s_g'} K(s_g'|s_g, s_l) Σ_{s_l'} P_l(s_l' | s_l, s_g^T, a) V(s_g', s_l')
///
/// and the local policy from Q by ``Temperature``: the paper's softmax
///   pi_l(a | s_g, s_l) ∝ exp((Q(a) - max Q) / tau),  tau = max(min, range_a Q(s_g, s_l, ·) / scale)
/// or the greedy policy. With ``Options/finiteHorizon`` H the values come from backward induction over
/// the episode instead (see ``LLearn/backwardInduction(_:horizon:occupancy:)``).
///
/// s_g^T is s_g, or s_g' when the game's `localUsesNextGlobal` is set. The agent's reward is r_l only:
/// r_g does not depend on a_l, so adding it would shift Q(s_g, s_l, ·) equally for every action and
/// change neither the softmax nor tau.
public struct LLearn: Sendable {
    /// How s_g is weighted when forming the local chain whose stationary law is mu.
    public enum GlobalWeighting: String, Sendable, Equatable {
        /// w(s_g) = 1/|S_g| (the paper's reference code; the default).
        case uniform
        /// w = the stationary law of P_g_eff, which itself depends on mu: the pair is found by fixed-point
        /// iteration from the uniform weighting (at most 100 rounds, until mu moves less than 1e-12 in L1).
        case stationary
    }

    /// The global transition the representative agent plans with.
    public enum Model: Sendable, Equatable {
        /// s_g' independent of the agent's own state: P_g_eff over Multinomial(k, mu) (the paper's).
        case stationary
        /// s_g' conditioned on the agent's own state, estimated in the mean-field model under the
        /// closed loop (π_g, π_l) (``ClosedLoopKernel``).
        case joint(ClosedLoopKernel.Settings)
    }

    /// How the local policy is extracted from Q.
    public enum Temperature: Sendable, Equatable {
        /// Softmax with tau = max(`min`, range_a Q / `scale`) per (s_g, s_l) (the paper's 0.3 and 3.0).
        case softmax(min: Double, scale: Double)
        /// The best action; actions within 1e-9 · max(1, |max Q|) of the best tie, the lowest index wins.
        case greedy
    }

    /// Solver settings (defaults: the paper's stationary model and softmax 0.3 / 3.0, discounted).
    public struct Options: Sendable, Equatable {
        /// Stop when max |V_{t+1} - V_t| < tol.
        public var tol = 1e-6
        /// Stop after this many sweeps at the latest.
        public var maxIterations = 1000
        /// How the policy is extracted from Q.
        public var temperature = Temperature.softmax(min: 0.3, scale: 3.0)
        /// The s_g weighting of mu.
        public var weighting = GlobalWeighting.uniform
        /// The global transition model.
        public var model = Model.stationary
        /// nil: the discounted infinite-horizon values; H: backward induction over an episode of H steps.
        public var finiteHorizon: Int? = nil
        /// The defaults.
        public init() {}
    }

    /// What L-LEARN produced.
    public struct Result: Sendable {
        /// The softmax policy.
        public let policy: LocalPolicyTable
        /// The mean field mu over S_l.
        public let meanField: [Double]
        /// The s_g weights used for mu.
        public let globalWeights: [Double]
        /// P_g_eff flat `[s_g][s_g']`.
        public let effectiveGlobalTransition: [Double]
        /// The kernel K the agent planned with, flat `[s_g][s_l][s_g']`.
        public let globalKernel: [Double]
        /// Q flat `[s_g][s_l][a_l]` recomputed from the final V (finite horizon: the occupancy-weighted Q).
        public let q: [Double]
        /// V flat `[s_g][s_l]` (finite horizon: V_0).
        public let value: [Double]
        /// Sweeps done (finite horizon: H).
        public let iterations: Int
        /// The largest |V_{t+1} - V_t| of the last sweep (0 for the finite horizon).
        public let residual: Double
    }

    /// The game.
    public let game: TabularGame
    /// Discount γ in [0, 1).
    public let gamma: Double
    /// The settings.
    public let options: Options

    /// - Precondition: `0 <= gamma < 1`, softmax `min > 0` and `scale > 0`, `finiteHorizon >= 1`.
    public init(game: TabularGame, gamma: Double, options: Options = Options()) {
        precondition(gamma >= 0 && gamma < 1, "L-LEARN needs 0 <= gamma < 1, got \(gamma)")
        if case let .softmax(low, scale) = options.temperature {
            precondition(low > 0 && scale > 0, "L-LEARN needs a softmax min > 0 and scale > 0")
        }
        precondition((options.finiteHorizon ?? 1) >= 1, "L-LEARN needs finiteHorizon >= 1")
        self.game = game
        self.gamma = gamma
        self.options = options
    }

    /// The best local response to `globalPolicy`, with mu taken from `localPolicy` (the current pi_l).
    public func solve(globalPolicy: GlobalPolicyTable, localPolicy: LocalPolicyTable) -> Result {
        precondition(globalPolicy.fits(game) && localPolicy.fits(game), "policy shapes do not match the game")
        let g = game.globalStates
        var weights = [Double](repeating: 1.0 / Double(g), count: g)
        var mu = meanField(localPolicy, weights: weights)
        var effective = effectiveGlobalTransition(globalPolicy, meanField: mu)
        if options.weighting == .stationary {
            for _ in 0..<100 {
                weights = MeanField.stationary(effective, size: g)
                let next = meanField(localPolicy, weights: weights)
                let change = zip(next, mu).reduce(0) { $0 + abs($1.0 - $1.1) }
                mu = next
                effective = effectiveGlobalTransition(globalPolicy, meanField: mu)
                if change < 1e-12 { break }
            }
        }
        var kernel = broadcast(effective)
        var closedLoop: ClosedLoopKernel?
        if case .joint(let settings) = options.model {
            let estimate = ClosedLoopKernel(game: game, gamma: gamma, globalPolicy: globalPolicy,
                                            localPolicy: localPolicy, settings: settings)
            kernel = Self.filled(estimate.pooled, fallback: kernel, width: g)
            closedLoop = estimate
        }
        let q: [Double], value: [Double], iterations: Int, residual: Double
        if let horizon = options.finiteHorizon {
            let size = game.globalStates * game.localStates
            let kernels = closedLoop.map { estimate in
                (0..<estimate.steps).map { t in
                    Self.filled(Array(estimate.perStep[(t * kernel.count)..<((t + 1) * kernel.count)]), fallback: kernel, width: g)
                }
            } ?? [kernel]
            let occupancy = closedLoop.map { estimate in
                (0..<estimate.steps).map { Array(estimate.occupancy[($0 * size)..<(($0 + 1) * size)]) }
            }
            (q, value) = backwardInduction(kernels, horizon: horizon, occupancy: occupancy)
            (iterations, residual) = (horizon, 0)
        } else {
            (value, iterations, residual) = valueIteration(kernel)
            q = qValues(kernel, value: value)
        }
        return Result(policy: extract(q), meanField: mu, globalWeights: weights, effectiveGlobalTransition: effective,
                      globalKernel: kernel, q: q, value: value, iterations: iterations, residual: residual)
    }

    /// P_g_eff `[s_g][s_g']` repeated for every s_l: `[s_g][s_l][s_g']`.
    func broadcast(_ effective: [Double]) -> [Double] {
        let g = game.globalStates, l = game.localStates
        var result = [Double](repeating: 0, count: g * l * g)
        for sg in 0..<g { for sl in 0..<l { for s2 in 0..<g { result[(sg * l + sl) * g + s2] = effective[sg * g + s2] } } }
        return result
    }

    /// `rows` with every all-zero row of `width` replaced by the same row of `fallback`.
    static func filled(_ rows: [Double], fallback: [Double], width: Int) -> [Double] {
        var result = rows
        for start in stride(from: 0, to: rows.count, by: width) where !rows[start..<(start + width)].contains(where: { $0 > 0 }) {
            for j in 0..<width { result[start + j] = fallback[start + j] }
        }
        return result
    }

    /// mu: the stationary law of P_mu(s_l' | s_l) = Σ_{s_g} w(s_g) P~_l(s_l' | s_l, s_g, s_g).
    public func meanField(_ localPolicy: LocalPolicyTable, weights: [Double]) -> [Double] {
        let l = game.localStates, g = game.globalStates
        let dynamics = InducedLocalDynamics(game: game, policy: localPolicy)
        var chain = [Double](repeating: 0, count: l * l)
        for sg in 0..<g where weights[sg] != 0 {
            for sl in 0..<l {
                let row = dynamics.row(sg, sg, sl)
                for s2 in 0..<l { chain[sl * l + s2] += weights[sg] * dynamics.transition[row + s2] }
            }
        }
        return MeanField.stationary(chain, size: l)
    }

    /// P_g_eff flat `[s_g][s_g']`, exact: the multinomial mass of every count vector is added to the
    /// action pi_g picks for it, then the |A_g| rows of P_g are mixed with those masses.
    public func effectiveGlobalTransition(_ globalPolicy: GlobalPolicyTable, meanField mu: [Double]) -> [Double] {
        let g = game.globalStates, ag = game.globalActions
        let pmf = MeanField.multinomial(mu, space: globalPolicy.space)
        var result = [Double](repeating: 0, count: g * g)
        var mass = [Double](repeating: 0, count: ag)
        for sg in 0..<g {
            for a in 0..<ag { mass[a] = 0 }
            for c in pmf.indices { mass[globalPolicy.action(sg, rank: c)] += pmf[c] }
            let total = mass.reduce(0, +)
            for a in 0..<ag where mass[a] != 0 {
                let row = game.globalRow(sg, a)
                for s2 in 0..<g { result[sg * g + s2] += mass[a] / total * game.globalTransition[row + s2] }
            }
        }
        return result
    }
}
