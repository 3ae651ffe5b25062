import Agents

extension TabularLearnerSpec {
    /// The learned kinds with their `sim list policies` lines.
    static let kinds: [(kind: String, summary: String)] = [
        ("g-learn", "G-LEARN: value iteration on (s_g, counts of k) with the local policy fixed"),
        ("alternating-marl", "ALTERNATING-MARL: alternate G-LEARN and L-LEARN, keep the best simulated pair"),
        ("subsample-mfq", "SUBSAMPLE-MFQ: epsilon-greedy Q-learning on (s_g, counts of k), fresh subsample per decision"),
    ]

    /// Reads the settings of `kind` from a `policies.<name>` object; `local` is the already-read local rule
    /// and `initial` the world's episode start (SUBSAMPLE-MFQ starts its training episodes the same way).
    static func read(kind: String, _ reader: inout ObjectReader, game: TabularGame, k: Int, header: ScenarioHeader,
                     local: LocalPolicyTable, initial: TabularWorldConfig.Initial) throws -> TabularLearnerSpec {
        // G-LEARN, L-LEARN and SUBSAMPLE-MFQ all solve discounted infinite-horizon problems: their
        // Bellman operators contract with modulus gamma, so gamma = 1 has no fixed point to converge to.
        guard header.gamma < 1 || !header.isSelected(ScenarioHeader.policyName(path: reader.path)) else {
            throw header.context.issue("gamma", "\(reader.path) (\(kind)) solves a discounted problem and needs 0 <= gamma < 1",
                                       value: .number(header.gamma), hint: "set gamma below 1 (e.g. 0.95), or use a policy that does not learn")
        }
        let seed = UInt64(try reader.int("seed", default: Int(header.seed), in: 0...(1 << 53)))
        let g = try gLearnOptions(&reader, game: game, k: k, seed: seed,
                                  limited: header.isSelected(ScenarioHeader.policyName(path: reader.path)))
        var l = LLearn.Options()
        var a = AlternatingMARL.Options()
        var q = SubsampleMFQ.Options()
        var evalEpisodes = 20
        l.tol = g.tol
        l.maxIterations = g.maxIterations
        if kind == "alternating-marl" {
            l.tauMin = try reader.double("tauMin", default: l.tauMin, in: 1e-9...1e9)
            l.tauScale = try reader.double("tauScale", default: l.tauScale, in: 1e-9...1e9)
            let weighting = try reader.string("meanField", default: l.weighting.rawValue, oneOf: ["uniform", "stationary"])
            l.weighting = LLearn.GlobalWeighting(rawValue: weighting)!
            a.outerIterations = try reader.int("outerIterations", default: a.outerIterations, in: 1...1000)
            a.rtol = try reader.double("rtol", default: a.rtol, in: 0...1)
            evalEpisodes = try reader.int("evalEpisodes", default: evalEpisodes, in: 1...1_000_000)
            a.gLearn = g
            a.lLearn = l
        }
        if kind == "subsample-mfq" {
            q.episodes = try reader.int("episodes", default: q.episodes, in: 1...100_000_000)
            q.horizon = header.horizon
            q.epsilon = try reader.double("epsilon", default: q.epsilon, in: 0...1)
            q.learningRateExponent = try reader.double("learningRateExponent", default: q.learningRateExponent, in: 0.500001...1)
            q.seed = seed
            switch initial {
            case .dirichlet(let alpha): q.dirichletAlpha = alpha
            case .fixed(let mu): q.initialDistribution = mu
            }
        }
        return TabularLearnerSpec(kind: kind, k: k, seed: seed, local: local, gLearn: g, lLearn: l, alternating: a,
                                  evalEpisodes: evalEpisodes, qLearning: q)
    }

    /// `transitions`, `samples`, `tol`, `maxIterations`; refuses `exact` when a sweep would be too large
    /// for a policy about to run (`limited`).
    private static func gLearnOptions(_ reader: inout ObjectReader, game: TabularGame, k: Int, seed: UInt64,
                                      limited: Bool) throws -> GLearn.Options {
        var g = GLearn.Options()
        let method = try reader.string("transitions", default: "rounding", oneOf: ["rounding", "exact", "monteCarlo"])
        let samples = try reader.int("samples", default: 30, in: 1...100_000)
        g.tol = try reader.double("tol", default: g.tol, in: 1e-15...1e6)
        g.maxIterations = try reader.int("maxIterations", default: g.maxIterations, in: 1...10_000_000)
        let count = Double(CountVectorSpace(k: k, states: game.localStates).count)
        switch method {
        case "exact":
            let work = Double(game.globalStates) * count * count
            guard work <= 5e7 || !limited else {
                throw reader.issue("transitions", "exact count transitions need |S_g| x count^2 = \(Int(work)) entries for k = \(k)",
                                   value: .string(method), hint: "use 'rounding' or 'monteCarlo' for k this large")
            }
            g.method = .exact
        case "monteCarlo":
            g.method = .monteCarlo(samples: samples, seed: seed)
        default:
            g.method = .rounding
        }
        return g
    }
}
