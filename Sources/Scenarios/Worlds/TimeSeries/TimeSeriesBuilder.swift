import Agents
import Engine

/// Builds the time-series worlds of Sources/Agents/README.md, "Time-series prediction": `logistic`,
/// `periodic`, `concept-drift`, `regime-switch` (synthetic) and `csv` (a data file, with the `ett` and `boc`
/// presets). Shared `world` keys: `clients` (N, default 5), `encoder` { kind, latentWidth, sigma, activation
/// }, `mixture` { kind: ridge | eg | hedge | uniform, kappaS, eta, learningRate } and `cost` { q, kappa,
/// lambda, gamma, alpha } — the evaluation weights and the game policies' defaults.
enum TimeSeriesBuilder {
    static let registrations: [WorldRegistration] = [
        registration("logistic", "logistic map with a time-varying rate (FedMOE's series)", defaults: .logistic) { world, _ in
            var s = LogisticSeries()
            s.rounds = try world.int("rounds", default: 200, in: 1...10_000_000)
            s.initialValue = try world.double("initialValue", default: s.initialValue, in: 0...1)
            s.rate = try world.double("rate", default: s.rate, in: 0...4)
            s.amplitude = try world.double("amplitude", default: s.amplitude, in: 0...4)
            s.frequencies = try world.doubles("frequencies", default: s.frequencies, in: -1e6...1e6)
            s.noise = try world.double("noise", default: 0, in: 0...1e6)
            let series = s
            return (s.rounds, { series.data(seed: $0) })
        },
        registration("periodic", "a 4-value cycle (periods 5, 6, 12, 20 mapped onto [-0.9, 0.9])", defaults: .periodic) { world, _ in
            var s = PeriodicSeries()
            s.rounds = try world.int("rounds", default: 200, in: 1...10_000_000)
            s.levels = try world.doubles("levels", default: s.levels, in: -1e6...1e6)
            guard !s.levels.isEmpty else { throw world.issue("levels", "expected at least one level") }
            s.noise = try world.double("noise", default: 0, in: 0...1e6)
            let series = s
            return (s.rounds, { series.data(seed: $0) })
        },
        registration("concept-drift", "two-phase blended 2-D target on a grid over [0, 2 pi]", defaults: .conceptDrift) { world, _ in
            var s = ConceptDriftSeries()
            s.rounds = try world.int("rounds", default: 200, in: 1...10_000_000)
            s.oneDim = try world.bool("oneDim", default: false)
            let data = s.data()
            return (s.rounds, { _ in data })
        },
        registration("regime-switch", "AR(1) regimes with abrupt change points and drift (our stress world)", defaults: .logistic) { world, _ in
            var s = RegimeSwitchSeries()
            s.rounds = try world.int("rounds", default: 200, in: 1...10_000_000)
            s.levels = try world.doubles("levels", default: s.levels, in: -1e6...1e6)
            // |φ| > 1 makes an AR(1) regime explode (φ^rounds overflows); the series must stay finite.
            s.coefficients = try world.doubles("coefficients", default: s.coefficients, count: s.levels.count, in: -1...1)
            guard !s.levels.isEmpty else { throw world.issue("levels", "expected at least one level") }
            s.regimeLength = try world.int("regimeLength", default: s.regimeLength, in: 1...Int.max)
            s.drift = try world.double("drift", default: s.drift, in: -1e3...1e3)
            s.noise = try world.double("noise", default: s.noise, in: 0...1e6)
            let series = s
            return (s.rounds, { series.data(seed: $0) })
        },
        registration("csv", "a CSV file: target, lagged input columns, window, normalization; presets ett and boc",
                     defaults: .logistic, presetDefaults: TimeSeriesCSVReader.presetDefaults) { world, header in
            let data = try TimeSeriesCSVReader.read(&world, limits: header.limits)
            return (data.rounds, { _ in data })
        },
    ]

    typealias DataReader = @Sendable (inout ObjectReader, ScenarioHeader) throws -> (rounds: Int, make: @Sendable (UInt64) -> TimeSeriesData)

    private static func registration(_ kind: String, _ summary: String, defaults: TimeSeriesDefaults,
                                     presetDefaults: (@Sendable (ObjectReader) -> TimeSeriesDefaults?)? = nil,
                                     data: @escaping DataReader) -> WorldRegistration {
        WorldRegistration(kind: kind, summary: summary, policies: ForecastPolicyFamilies.kinds) { world, policies, header in
            let chosen = presetDefaults?(world) ?? defaults
            let (rounds, make) = try data(&world, header)
            let clients = try world.int("clients", default: 5, in: 1...1_000_000)
            let encoder = try readEncoder(&world, defaults: chosen)
            let (mixture, persistenceExpert, externalMixture) = try readMixture(&world)
            let cost = try readCost(try world.object("cost"), defaults: chosen.cost)
            if let k = header.k, k > clients {
                throw header.context.issue("observation.k", "k must satisfy 1 <= k <= N = world.clients = \(clients)",
                                           value: .number(Double(k)), hint: "lower observation.k or raise world.clients")
            }
            try rejectSchedules(header)
            let built = try TimeSeriesPolicyBuilder.build(policies, context: ForecastPolicyContext(defaults: chosen, cost: cost, k: header.k,
                                                                                                  clients: clients, encoder: encoder))
            try header.limits.check(TimeSeriesScenarioWorld.memoryEstimate(rounds: rounds, episodes: header.episodes, clients: clients,
                                                                           encoder: encoder, data: nil, mixture: mixture,
                                                                           regret: header.reportedMetrics?.contains("worstClientRegret") ?? true,
                                                                           policies: built.filter { header.isSelected($0.name) }),
                                    context: header.context)
            try header.limits.check(work: TimeSeriesScenarioWorld.workEstimate(clients: clients, encoder: encoder, data: nil,
                                                                               policies: built.filter { header.isSelected($0.name) }),
                                    context: header.context)
            // Five phases per round at most (worldTick, observe, globalObserve, policyStep, mixtureUpdate).
            try header.limits.checkEvents(5 * Double(rounds) * Double(header.episodes), path: "episodes",
                                          what: "5 per round × \(rounds) rounds × \(header.episodes) episodes",
                                          value: .number(Double(header.episodes)), hint: "lower episodes or rounds", context: header.context)
            var setup = ForecastSetup(makeData: make, rounds: rounds, clients: clients, encoder: encoder,
                                      mixture: mixture, policy: built[0].policy, evaluation: cost)
            setup.persistenceExpert = persistenceExpert
            return TimeSeriesScenarioWorld(kind: kind, rounds: rounds, episodes: header.episodes, setup: setup, policies: built,
                                           externalMixture: externalMixture)
        }
    }

    /// Time-series worlds run one round per tick with fixed phases; the game cadence is `gameEvery`.
    private static func rejectSchedules(_ header: ScenarioHeader) throws {
        if let first = header.schedule.first {
            throw header.context.issue("schedule." + first.kind.name,
                                       "time-series worlds run one round per tick (observe, globalObserve, policyStep, mixtureUpdate)",
                                       hint: "remove 'schedule'; set policies.<name>.gameEvery to play the game less often")
        }
    }

    private static func readEncoder(_ world: inout ObjectReader, defaults: TimeSeriesDefaults) throws -> EncoderConfig {
        let config = EncoderConfig(kind: .esn, latentWidth: defaults.latentWidth, sigma: defaults.sigma, activation: defaults.activation)
        return try readEncoder(&world, over: config) ?? config
    }

    /// The `encoder` member of `reader` over `base`, nil when absent.
    static func readEncoder(_ reader: inout ObjectReader, over base: EncoderConfig) throws -> EncoderConfig? {
        var config = base
        guard var e = try reader.object("encoder") else { return nil }
        config.kind = EncoderKind(rawValue: try e.string("kind", default: "esn", oneOf: EncoderKind.allCases.map(\.rawValue)))!
        config.latentWidth = try e.int("latentWidth", default: config.latentWidth, in: 1...4096)
        config.sigma = try e.double("sigma", default: config.sigma, in: 0...1e6)
        if e.has("activation") {
            config.activation = EncoderActivation(rawValue: try e.string("activation", oneOf: EncoderActivation.allCases.map(\.rawValue)))
        } else if config.kind == .rf {
            config.activation = nil
        }
        try e.finish()
        return config
    }

    /// The `mixture` member and its `persistence` flag (the persistence forecast as an extra expert).
    /// `kind: "external"` (`command`, `timeout`) hands the weights to a process (``ExternalMixtureRule``);
    /// its configuration is then `uniform`, the weights every run starts from.
    private static func readMixture(_ world: inout ObjectReader) throws -> (MixtureConfig, Bool, ExternalPolicySpec?) {
        guard var m = try world.object("mixture") else { return (.ridge(), false, nil) }
        let readers = ScenarioMixtureRules.all
        let kind = try m.string("kind", default: RidgeMixture.kind, oneOf: readers.map { $0.kind } + [ExternalMixtureRule.family.kind])
        let persistence = try m.bool("persistence", default: false)
        if kind == ExternalMixtureRule.family.kind {
            let spec = try ExternalPolicySpec.read(name: m.path, &m, roles: ["server"])
            try m.finish()
            return (.uniform, persistence, spec)
        }
        guard let rule = readers.first(where: { $0.kind == kind }) else { throw m.issue("kind", "unknown mixture kind") }
        let config = try rule.read(&m)
        try m.finish()
        return (config, persistence, nil)
    }

    /// Reads { q, kappa, lambda, gamma, alpha } over `defaults`.
    static func readCost(_ reader: ObjectReader?, defaults: CostWeights) throws -> CostWeights {
        guard var r = reader else { return defaults }
        let w = try costFields(&r, defaults: defaults)
        try r.finish()
        return w
    }

    static func costFields(_ r: inout ObjectReader, defaults: CostWeights) throws -> CostWeights {
        CostWeights(q: try r.double("q", default: defaults.q, in: 0...1e12),
                    kappa: try r.double("kappa", default: defaults.kappa, in: 0...1e12),
                    lambda: try r.double("lambda", default: defaults.lambda, in: 0...1e12),
                    gamma: try r.double("gamma", default: defaults.gamma, in: 0...1e12),
                    alpha: try r.double("alpha", default: defaults.alpha, in: 0...1e6))
    }
}
