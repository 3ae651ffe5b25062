import Foundation

/// L-LEARN (the module README, "Tabular mean-field game"): with the global policy fixed, value
/// iteration for the representative local agent on (s_g, s_l), then a softmax policy.
///
///   mu              = stationary law of s_l under pi_l, s_g weighted by w (see ``GlobalWeighting``)
///   P_g_eff(s_g'|s_g) = Σ_c Multinomial(c; k, mu) P_g(s_g' | s_g, pi_g(s_g, c))   (exact enumeration)
/// Q(s_g, s_l, a)  = r_l(s_l, s_g, a) + γ Σ_{s_g'} P_g_eff(s_g'|s_g) Σ_{s_l'} P_l(s_l' | s_l, s_g^T, a)
/// V(s_g', s_l')
///   pi_l(a | s_g, s_l) ∝ exp((Q(a) - max Q) / tau),  tau = max(tauMin, range_a Q(s_g, s_l, ·) / tauScale)
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

    /// Solver settings (defaults: the paper's `softmax_temperature_min` 0.3 and `_scale` 3.0).
    public struct Options: Sendable, Equatable {
        /// Stop when max |V_{t+1} - V_t| < tol.
        public var tol = 1e-6
        /// Stop after this many sweeps at the latest.
        public var maxIterations = 1000
        /// Softmax temperature floor.
        public var tauMin = 0.3
        /// Softmax temperature = Q range / tauScale (when above the floor).
        public var tauScale = 3.0
        /// The s_g weighting of mu.
        public var weighting = GlobalWeighting.uniform
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
        /// Q flat `[s_g][s_l][a_l]` recomputed from the final V.
        public let q: [Double]
        /// V flat `[s_g][s_l]`.
        public let value: [Double]
        /// Sweeps done.
        public let iterations: Int
    }

    /// The game.
    public let game: TabularGame
    /// Discount γ in [0, 1).
    public let gamma: Double
    /// The settings.
    public let options: Options

    /// - Precondition: `0 <= gamma < 1`, `tauMin > 0`, `tauScale > 0`.
    public init(game: TabularGame, gamma: Double, options: Options = Options()) {
        precondition(gamma >= 0 && gamma < 1, "L-LEARN needs 0 <= gamma < 1, got \(gamma)")
        precondition(options.tauMin > 0 && options.tauScale > 0, "L-LEARN needs tauMin > 0 and tauScale > 0")
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
        let (value, iterations) = valueIteration(effective)
        let q = qValues(effective, value: value)
        return Result(policy: softmax(q), meanField: mu, globalWeights: weights,
                      effectiveGlobalTransition: effective, q: q, value: value, iterations: iterations)
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
