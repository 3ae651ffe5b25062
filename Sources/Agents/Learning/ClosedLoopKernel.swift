import Engine

/// The law of the next global state seen by one local agent, conditioned on its own state:
/// P(s_g' | s_g, s_l) under the closed loop (π_g, π_l), for the `joint` model of ``LLearn``.
///
/// The stationary model of L-LEARN treats s_g' as independent of the agent's own state. In the closed
/// loop it is not: the global agent acts on a sample of the population, so s_g follows where the
/// population is, and an agent standing where most agents stand sees s_g move toward it more often.
/// This type estimates the correlation in the **mean-field model** (n → ∞): given the global path,
/// the population's law μ_t evolves deterministically and a tagged agent's state has law μ_t, so
///
///   μ_{t+1}(s')            = Σ_s μ_t(s) P~_l(s' | s, s_g, s_g^T)
///   N_t(s_g, s_l, s_g')    = E[ γ^t 1{s_g,t = s_g} μ_t(s_l) P(s_g' | s_g, μ_t) ]
///   P_t(s_g' | s_g, s_l)   = N_t(s_g, s_l, s_g') / Σ_{s_g''} N_t(s_g, s_l, s_g'')
///   P(s_g' | s_g, s_l)     = Σ_t N_t(s_g, s_l, s_g') / Σ_t Σ_{s_g''} N_t(s_g, s_l, s_g'')
///
/// with P~_l the chain induced by π_l (``InducedLocalDynamics``). The expectation over the global path
/// and the k-subsample is a Monte-Carlo average over `episodes` simulated episodes on the training seed:
/// each step draws the k sampled states from μ_t, takes a_g = π_g(s_g, counts), adds the exact row
/// P_g(· | s_g, a_g) to the tallies (a conditional expectation, so less variance than the drawn s_g'),
/// then draws s_g' from it. Episodes start as the world's do: s_g uniform, μ_0 = the initial law.
/// The γ^t weight makes the pooled kernel the one the discounted return sees.
///
/// Rows never visited (weight 0) are left at zero; ``LLearn`` replaces them by its stationary-model
/// row of that s_g.
public struct ClosedLoopKernel: Sendable {
    /// How the mean-field model is simulated.
    public struct Settings: Sendable, Equatable {
        /// Simulated episodes (default 400).
        public var episodes = 400
        /// Steps per episode (the scenario's horizon).
        public var horizon = 50
        /// How each episode's μ_0 is chosen (the world's).
        public var initial = TabularWorldConfig.Initial.dirichlet(alpha: 0.3)
        /// Seed of the `learner` stream (cell agent = episode, step = ``streamStep``).
        public var seed: UInt64 = 0
        /// The defaults.
        public init() {}
    }

    /// The `learner` stream step of the kernel's cells (other learners use step 0).
    static let streamStep = 1

    /// |S_g|, |S_l|, and the number of steps T.
    public let globalStates: Int, localStates: Int, steps: Int
    /// γ^t-weighted occupancy Σ_{s_g'} N_t flat `[t][s_g][s_l]`, averaged over episodes.
    public let occupancy: [Double]
    /// P_t(s_g' | s_g, s_l) flat `[t][s_g][s_l][s_g']` (zero rows where the occupancy is 0).
    public let perStep: [Double]
    /// The pooled P(s_g' | s_g, s_l) flat `[s_g][s_l][s_g']` (zero rows where never visited).
    public let pooled: [Double]

    /// Simulates the mean-field model of `game` under (π_g, π_l) with discount `gamma`.
    /// - Precondition: `settings.episodes >= 1`, `settings.horizon >= 1`, the policies fit `game`.
    /// - Complexity: O(episodes · horizon · (k + |S_l|² + |S_g| · |S_l|)).
    public init(game: TabularGame, gamma: Double, globalPolicy: GlobalPolicyTable, localPolicy: LocalPolicyTable,
                settings: Settings) {
        precondition(settings.episodes >= 1 && settings.horizon >= 1, "the kernel needs episodes >= 1 and horizon >= 1")
        precondition(globalPolicy.fits(game) && localPolicy.fits(game), "policy shapes do not match the game")
        let g = game.globalStates, l = game.localStates, steps = settings.horizon, k = globalPolicy.k
        globalStates = g
        localStates = l
        self.steps = steps
        let dynamics = InducedLocalDynamics(game: game, policy: localPolicy)
        let stream = RandomStream(seed: settings.seed, .learner)
        var tally = [Double](repeating: 0, count: steps * g * l * g)
        var mu = [Double](repeating: 0, count: l), next = mu, cdf = mu, counts = [Int](repeating: 0, count: l)
        var globalRow = [Double](repeating: 0, count: g), globalCdf = globalRow
        for episode in 0..<settings.episodes {
            var random = stream.generator(agent: episode, step: Self.streamStep)
            var sg = random.int(below: g)
            switch settings.initial {
            case .fixed(let law): mu = law
            case .dirichlet(let alpha): random.dirichlet([Double](repeating: alpha, count: l), into: &mu)
            }
            var discount = 1.0
            for t in 0..<steps {
                var running = 0.0
                for s in 0..<l { running += mu[s]; cdf[s] = running }
                cdf[l - 1] = Swift.max(cdf[l - 1], 1)
                for s in 0..<l { counts[s] = 0 }
                for _ in 0..<k { counts[random.categorical(cumulative: cdf)] += 1 }
                let row = game.globalRow(sg, globalPolicy.action(sg, counts: counts))
                running = 0
                for s2 in 0..<g {
                    globalRow[s2] = game.globalTransition[row + s2]
                    running += globalRow[s2]
                    globalCdf[s2] = running
                }
                globalCdf[g - 1] = Swift.max(globalCdf[g - 1], 1)
                for sl in 0..<l where mu[sl] > 0 {
                    let base = ((t * g + sg) * l + sl) * g, w = discount * mu[sl]
                    for s2 in 0..<g { tally[base + s2] += w * globalRow[s2] }
                }
                let nextGlobal = random.categorical(cumulative: globalCdf)
                let read = game.localUsesNextGlobal ? nextGlobal : sg
                for s2 in 0..<l { next[s2] = 0 }
                for s in 0..<l where mu[s] > 0 {
                    let r = dynamics.row(sg, read, s)
                    for s2 in 0..<l { next[s2] += mu[s] * dynamics.transition[r + s2] }
                }
                swap(&mu, &next)
                sg = nextGlobal
                discount *= gamma
            }
        }
        let scale = 1.0 / Double(settings.episodes)
        var occupancy = [Double](repeating: 0, count: steps * g * l)
        var pooledTally = [Double](repeating: 0, count: g * l * g)
        for cell in 0..<(steps * g * l) {
            let base = cell * g, inPool = (cell % (g * l)) * g
            for s2 in 0..<g { pooledTally[inPool + s2] += tally[base + s2] }
            occupancy[cell] = tally[base..<(base + g)].reduce(0, +) * scale
        }
        self.occupancy = occupancy
        perStep = Self.normalizedRows(tally, width: g)
        pooled = Self.normalizedRows(pooledTally, width: g)
    }

    /// Rows of `width` scaled to sum to 1; zero rows stay zero.
    static func normalizedRows(_ values: [Double], width: Int) -> [Double] {
        var result = values
        for start in stride(from: 0, to: values.count, by: width) {
            let total = values[start..<(start + width)].reduce(0, +)
            guard total > 0 else { continue }
            for j in 0..<width { result[start + j] = values[start + j] / total }
        }
        return result
    }
}
