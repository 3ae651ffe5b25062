import Engine

/// G-LEARN (the module README, "Tabular mean-field game"): with the local policy fixed, value
/// iteration on the global agent's MDP over (s_g, counts of k sampled local states).
///
///   r(s_g, c, a_g) = r_g(s_g, a_g) + (1/k) Σ_j c_j r~_l(j, s_g)
/// Q(s_g, c, a_g) = r(s_g, c, a_g) + γ Σ_{s_g'} P_g(s_g' | s_g, a_g) Σ_{c'} T(c' | s_g, s_g', c) V(s_g', c')
///   V(s_g, c)      = max_{a_g} Q(s_g, c, a_g)
///
/// T is the count transition of ``CountTransitionMethod``. Because T does not depend on a_g, the inner
/// sum W(s_g, s_g', c) = Σ_{c'} T V is formed once per state and shared by all global actions.
///
/// Stopping rule (value iteration with MacQueen's bounds; Puterman 1994, §6.6.3): with
/// Δ_t = V_{t+1} - V_t, the optimal value satisfies
///   V_{t+1} + γ/(1-γ) · min Δ_t  ≤  V*  ≤  V_{t+1} + γ/(1-γ) · max Δ_t,
/// so iteration stops once γ/(1-γ) · (max Δ_t - min Δ_t) < `tol` and returns V_{t+1} shifted by the
/// midpoint of the bounds: then |V - V*| ≤ tol/2 everywhere. This is a stronger guarantee than
/// "max |Δ_t| < tol" (which only bounds the error by tol · γ/(1-γ)) and needs fewer sweeps when the
/// chain mixes, as the values of all states then rise together. The shift is the same for every state,
/// so the greedy policy of the last sweep is unchanged by it.
///
/// Sweeps run only over the count vectors T keeps reaching
/// (``CountTransitionTable/reachableLevels(maxLevels:)``); the others get one exact backup at the end. This
/// changes no value, only the work: the `rounding` map contracts the lattice onto a small set.
public struct GLearn: Sendable {
    /// The policy family this learner trains.
    public static let family = PolicyFamily(kind: "g-learn", summary: "G-LEARN: value iteration on (s_g, counts of k) with the local policy fixed")

    /// Solver settings.
    public struct Options: Sendable, Equatable {
        /// Count-vector transitions (default ``CountTransitionMethod/rounding``, the paper's choice).
        public var method: CountTransitionMethod = .rounding
        /// Stop when the MacQueen bounds on V* are less than `tol` apart (see the type's documentation).
        public var tol = 1e-6
        /// Stop after this many sweeps at the latest.
        public var maxIterations = 1000
        /// The defaults.
        public init() {}
    }

    /// What value iteration produced.
    public struct Result: Sendable {
        /// The greedy policy of the last sweep (ties: lowest action).
        public let policy: GlobalPolicyTable
        /// V flat `[s_g][rank]`.
        public let value: [Double]
        /// Sweeps done.
        public let iterations: Int
        /// Width γ/(1-γ) · (max Δ - min Δ) of the final bounds on V* (V is within half of it).
        public let residual: Double
        /// The bound width after every sweep (the learning curve; its last entry is ``residual``).
        public let residuals: [Double]
    }

    /// The game.
    public let game: TabularGame
    /// Discount γ in [0, 1).
    public let gamma: Double
    /// The settings.
    public let options: Options

    /// - Precondition: `0 <= gamma < 1`.
    public init(game: TabularGame, gamma: Double, options: Options = Options()) {
        precondition(gamma >= 0 && gamma < 1, "G-LEARN needs 0 <= gamma < 1, got \(gamma)")
        self.game = game
        self.gamma = gamma
        self.options = options
    }

    /// Solves for the best global response to `localPolicy` with k sampled agents.
    /// - Parameter warmStart: an earlier V (`[s_g][rank]`, same k) to start from, e.g. the previous
    ///   outer iteration's; the fixed point does not depend on it, only the number of sweeps.
    /// - Complexity: building T (see ``CountTransitionTable``) plus O(iterations · |S_g| · entries ·
    ///   |S_g| · |A_g|) per solve; `rounding` has one entry per row.
    public func solve(localPolicy: LocalPolicyTable, k: Int, warmStart: [Double]? = nil) -> Result {
        let space = CountVectorSpace(k: k, states: game.localStates)
        let dynamics = InducedLocalDynamics(game: game, policy: localPolicy)
        let table = CountTransitionTable(space: space, dynamics: dynamics, method: options.method)
        return solve(table: table, dynamics: dynamics, warmStart: warmStart)
    }

    /// Value iteration over a prebuilt count transition table.
    public func solve(table: CountTransitionTable, dynamics: InducedLocalDynamics,
                      warmStart: [Double]? = nil) -> Result {
        let g = game.globalStates, size = table.space.count
        let local = Self.localReward(space: table.space, dynamics: dynamics)
        let levels = table.reachableLevels()
        let core = levels[levels.count - 1]
        // Iterate on a compact copy of the closed core, then copy it into the full lattice (count-major
        // V, [rank][s_g], so a successor's values over s_g' are contiguous) and fill the outer shells.
        let inner = GLearnKernel(game: game, gamma: gamma, size: core.count, keysPerGlobal: table.keysPerGlobal,
                                 rows: table.restricted(to: core),
                                 localReward: (0..<g).flatMap { sg in core.map { local[sg * size + Int($0)] } })
        if let start = warmStart, start.count == g * size {
            for (i, c) in core.enumerated() { for sg in 0..<g { inner.value[i * g + sg] = start[sg * size + Int(c)] } }
        }
        let (residuals, shift) = iterate(inner)
        let iterations = residuals.count, residual = residuals.last ?? .infinity
        let full = GLearnKernel(game: game, gamma: gamma, table: table, localReward: local)
        for (i, c) in core.enumerated() {
            for sg in 0..<g {
                full.value[Int(c) * g + sg] = inner.value[i * g + sg] + shift
                full.actions[sg * size + Int(c)] = inner.actions[sg * core.count + i]
            }
        }
        Self.fillShells(full, levels: levels)
        var value = [Double](repeating: 0, count: g * size)
        for sg in 0..<g { for c in 0..<size { value[sg * size + c] = full.value[c * g + sg] } }
        let policy = GlobalPolicyTable(space: table.space, globalStates: g, globalActions: game.globalActions,
                                       actions: Array(full.actions))
        return Result(policy: policy, value: value, iterations: iterations, residual: residual, residuals: residuals)
    }

    /// Jacobi sweeps over every vector of `kernel` until the MacQueen bounds are `tol` apart; returns
    /// the bound width after each sweep and the midpoint shift to add to V.
    private func iterate(_ kernel: GLearnKernel) -> (residuals: [Double], shift: Double) {
        let all = (0..<kernel.size).map { Int32($0) }
        let factor = gamma / (1 - gamma)
        var residuals: [Double] = [], residual = Double.infinity, shift = 0.0
        all.withUnsafeBufferPointer { all in
            while residuals.count < options.maxIterations && residual >= options.tol && !StopRequest.isRequested {
                let change = kernel.sweep(all)
                residual = factor * (change.high - change.low)
                shift = factor * 0.5 * (change.high + change.low)
                residuals.append(residual)
            }
        }
        return (residuals, shift)
    }

    /// Outer shells R_j \ R_{j+1}, innermost first: one exact backup each, in place.
    private static func fillShells(_ kernel: GLearnKernel, levels: [[Int32]]) {
        var inner = [Bool](repeating: false, count: kernel.size)
        for j in stride(from: levels.count - 2, through: 0, by: -1) {
            for c in levels[j + 1] { inner[Int(c)] = true }
            let shell = levels[j].filter { !inner[Int($0)] }
            _ = shell.withUnsafeBufferPointer { kernel.sweep($0, inPlace: true) }
        }
    }

    /// (1/k) Σ_j c_j r~_l(j, s_g), flat `[s_g][rank]` (0 when k = 0).
    static func localReward(space: CountVectorSpace, dynamics: InducedLocalDynamics) -> [Double] {
        let l = space.states, g = dynamics.globalStates
        var result = [Double](repeating: 0, count: g * space.count)
        guard space.k > 0 else { return result }
        var counts = [Int](repeating: 0, count: l)
        for c in 0..<space.count {
            space.unrank(c, into: &counts)
            for sg in 0..<g {
                var total = 0.0
                for j in 0..<l { total += Double(counts[j]) * dynamics.reward[sg * l + j] }
                result[sg * space.count + c] = total / Double(space.k)
            }
        }
        return result
    }
}
