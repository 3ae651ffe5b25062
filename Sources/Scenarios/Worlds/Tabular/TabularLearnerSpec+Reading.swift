import Agents

extension TabularLearnerSpec {
    /// Reads the settings of `learner` from a `policies.<name>` object; `local` is the already-read local rule,
    /// `initial` the world's episode start (SUBSAMPLE-MFQ and the joint L-LEARN model start their episodes
    /// the same way; nil for worlds learned on an abstraction, which then offer neither), and `rules` the
    /// named local rules `starts` may name.
    static func read(learner: TabularLearner, _ reader: inout ObjectReader, game: TabularGame, k: Int, header: ScenarioHeader,
                     local: LocalPolicyTable, initial: TabularWorldConfig.Initial?,
                     rules: [(name: String, table: LocalPolicyTable)] = []) throws -> TabularLearnerSpec {
        // G-LEARN, L-LEARN and SUBSAMPLE-MFQ all solve discounted infinite-horizon problems: their
        // Bellman operators contract with modulus gamma, so gamma = 1 has no fixed point to converge to.
        let kind = learner.family.kind
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
        var nashConvSeeds = 0
        l.tol = g.tol
        l.maxIterations = g.maxIterations
        if learner == .alternatingMARL {
            l.temperature = try temperature(&reader)
            l.model = try model(&reader, header: header, initial: initial, seed: seed)
            let planning = try reader.string("planning", default: "discounted", oneOf: ["discounted", "episode"])
            l.finiteHorizon = planning == "episode" ? header.horizon : nil
            let weighting = try reader.string("meanField", default: l.weighting.rawValue, oneOf: ["uniform", "stationary"])
            l.weighting = LLearn.GlobalWeighting(rawValue: weighting)!
            a.starts = try starts(&reader, game: game, rules: [("uniform", .uniform(for: game))] + rules)
            let select = try reader.string("select", default: "teamReturn", oneOf: ["teamReturn", "nashConv"])
            a.select = AlternatingMARL.Selection(rawValue: select)!
            if a.select == .nashConv && initial == nil {
                throw reader.issue("select", "nashConv is measured on tabular worlds; this world is learned on a tabular abstraction",
                                   value: .string(select), hint: "use select: \"teamReturn\"")
            }
            a.outerIterations = try reader.int("outerIterations", default: a.outerIterations, in: 1...1000)
            a.rtol = try reader.double("rtol", default: a.rtol, in: 0...1)
            evalEpisodes = try reader.int("evalEpisodes", default: evalEpisodes, in: 1...1_000_000)
            // Selecting by nashConv measures every pair, on 5 seeds unless told otherwise.
            nashConvSeeds = try reader.int("nashConvSeeds", default: a.select == .nashConv ? 5 : 0, in: 0...1000)
            if a.select == .nashConv && nashConvSeeds == 0 {
                throw reader.issue("nashConvSeeds", "select: \"nashConv\" keeps the pair with the smallest measured nashConv and needs it measured",
                                   value: .number(0), hint: "set nashConvSeeds to 1 or more (default 5), or use select: \"teamReturn\"")
            }
            a.gLearn = g
            a.lLearn = l
        }
        if learner == .subsampleMFQ {
            let sampling = try reader.string("sampling", default: "trajectory", oneOf: ["trajectory", "generative"])
            q.episodes = try reader.int("episodes", default: q.episodes, in: 1...100_000_000)
            let rounds = try reader.int("rounds", default: 50, in: 1...1_000_000)
            if sampling == "generative" {
                q.sampling = .generative(rounds: rounds)
            } else if reader.has("rounds") {
                throw reader.issue("rounds", "only generative sampling runs rounds", hint: "add sampling: \"generative\" or use episodes")
            }
            q.explorationBonus = try reader.double("explorationBonus", default: 0, in: 0...1e9)
            q.initialQ = try reader.double("initialQ", default: 0, in: -1e9...1e9)
            let fallback = try reader.string("fallback", default: "lowestAction", oneOf: ["lowestAction", "nearestVisited", "gLearn"])
            switch fallback {
            case "nearestVisited": q.fallback = .nearestVisited
            case "gLearn": q.fallback = .gLearn(g)
            default: q.fallback = .lowestAction
            }
            if fallback == "gLearn" && reader.has("initialQ") {
                throw reader.issue("initialQ", "fallback: \"gLearn\" starts Q at G-LEARN's action values, so initialQ would be ignored",
                                   hint: "remove initialQ, or use another fallback")
            }
            q.horizon = header.horizon
            q.epsilon = try reader.double("epsilon", default: q.epsilon, in: 0...1)
            q.learningRateExponent = try reader.double("learningRateExponent", default: q.learningRateExponent, in: 0.500001...1)
            q.seed = seed
            switch initial ?? .dirichlet(alpha: 1) {
            case .dirichlet(let alpha): q.dirichletAlpha = alpha
            case .fixed(let mu): q.initialDistribution = mu
            }
        }
        var spec = TabularLearnerSpec(learner: learner, k: k, seed: seed, local: local, gLearn: g, lLearn: l, alternating: a,
                                      evalEpisodes: evalEpisodes, qLearning: q)
        spec.nashConvSeeds = nashConvSeeds
        return spec
    }

    /// `temperature: { min, scale }` (softmax, defaults 0.3 and 3.0) or `"greedy"`.
    private static func temperature(_ reader: inout ObjectReader) throws -> LLearn.Temperature {
        guard let value = reader.raw("temperature") else { return .softmax(min: 0.3, scale: 3.0) }
        if case .string = value {
            _ = try reader.string("temperature", oneOf: ["greedy"])
            return .greedy
        }
        guard case .object = value, var object = try reader.object("temperature") else {
            throw reader.issue("temperature", "expected \"greedy\" or { min, scale }", value: value,
                               hint: "write temperature: \"greedy\" or temperature: { min: 0.3, scale: 3.0 }")
        }
        let low = try object.double("min", default: 0.3, in: 1e-9...1e9)
        let scale = try object.double("scale", default: 3.0, in: 1e-9...1e9)
        try object.finish()
        return .softmax(min: low, scale: scale)
    }

    /// `model: "stationary"` (default) or `"joint"` with `kernelEpisodes` mean-field episodes of the
    /// scenario's horizon, started as the world starts its episodes, on the training seed.
    private static func model(_ reader: inout ObjectReader, header: ScenarioHeader, initial: TabularWorldConfig.Initial?,
                              seed: UInt64) throws -> LLearn.Model {
        let name = try reader.string("model", default: "stationary", oneOf: ["stationary", "joint"])
        var settings = ClosedLoopKernel.Settings()
        settings.episodes = try reader.int("kernelEpisodes", default: settings.episodes, in: 1...10_000_000)
        guard name == "joint" else {
            if reader.has("kernelEpisodes") {
                throw reader.issue("kernelEpisodes", "only the joint model simulates a kernel", hint: "add model: \"joint\" or remove kernelEpisodes")
            }
            return .stationary
        }
        guard let initial else {
            throw reader.issue("model", "this world is learned on a tabular abstraction, which has no episode start to simulate the joint model from",
                               value: .string(name), hint: "use model: \"stationary\"")
        }
        settings.horizon = header.horizon
        settings.initial = initial
        settings.seed = seed
        return .joint(settings)
    }

    /// `starts: [rule or { file }]`: the local policies the alternation starts from (default: uniform).
    private static func starts(_ reader: inout ObjectReader, game: TabularGame,
                               rules: [(name: String, table: LocalPolicyTable)]) throws -> [AlternatingMARL.Start] {
        guard let value = reader.raw("starts") else { return [] }
        let hint = "write starts: [" + rules.map { "\"\($0.name)\"" }.joined(separator: ", ") + ", { file: \"policy.json\" }]"
        guard case .array(let items) = value, !items.isEmpty else {
            throw reader.issue("starts", "expected a non-empty list of starting local policies", value: value, hint: hint)
        }
        return try items.enumerated().map { i, item in
            let path = reader.child("starts") + "[\(i)]"
            if case .string(let name) = item {
                guard let rule = rules.first(where: { $0.name == name }) else {
                    let guess = EditDistance.suggestion(for: name, among: rules.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
                    throw reader.context.issue(path, "unknown starting local policy", value: item, hint: guess + hint)
                }
                return AlternatingMARL.Start(name: name, policy: rule.table)
            }
            var object = try ObjectReader(item, path: path, context: reader.context)
            let name = try object.string("file")
            try object.finish()
            let file = try TrainedPolicyFile.read(file: reader.context.resolve(name))
            guard [file.globalStates, file.localStates, file.localActions] == [game.globalStates, game.localStates, game.localActions] else {
                throw reader.context.issue(path + ".file", "the policy file's local table is [\(file.globalStates)][\(file.localStates)][\(file.localActions)], this world needs [\(game.globalStates)][\(game.localStates)][\(game.localActions)]",
                                           value: .string(name), hint: "start from a file trained on this world")
            }
            return AlternatingMARL.Start(name: name, policy: LocalPolicyTable(kind: TabularGlobalPolicy.family.kind, globalStates: game.globalStates,
                                                                            localStates: game.localStates, actions: game.localActions,
                                                                            probabilities: file.localTable))
        }
    }

    /// `transitions`, `samples`, `tol`, `maxIterations`; refuses `exact` when a sweep would be too large
    /// for a policy about to run (`limited`).
    private static func gLearnOptions(_ reader: inout ObjectReader, game: TabularGame, k: Int, seed: UInt64,
                                      limited: Bool) throws -> GLearn.Options {
        var g = GLearn.Options()
        let method = try reader.string("transitions", default: "rounding", oneOf: ["rounding", "exact", "monteCarlo", "subsample"])
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
        case "subsample":
            g.method = .subsample(samples: samples, seed: seed)
        default:
            g.method = .rounding
        }
        return g
    }
}
