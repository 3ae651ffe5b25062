import Agents

/// Reads `policies.<name>` of the time-series worlds:
/// * `greedy`: `window`, `alpha`, `gamma` (defaults: the world's "no game" row);
/// * `replay-only`, `nash-n`, `memoa`: `window` (T_game), `q`, `kappa`, `lambda`, `gamma`, `alpha` (defaults:
///   `world.cost`), `gameEvery` (1), `replayReset` (true), `mcSamples` (0), `warmup` { window, alpha, gamma }
///   (the greedy update used before a full window and between games), and for `memoa` `consistency`
///   ("solve" or "iterate", with `tolerance` and `maxIterations`) and `criterion` ("meanField" or
///   "worstClient", with `tolerance`, default 1e-6, and `maxIterations`, default 2000; worstClient uses its
///   own solver, so `consistency` does not apply). `memoa` takes k from `observation.k`.
/// * every policy but `persistence`: `anchor` ("replay", default, or "last": Ŷ_i,t+1 = y_t + Z_i,t β_i,t);
/// * `persistence`: no keys (every client forecasts y_t).
/// Any policy may override the world's clients with its own `encoder` { … } — only explicitly, since
/// policies compared under one seed should share their clients; such runs say so in the `worldTick`
/// trace (`encoderOverride: true`) and in `sim step`'s `show global`.
enum TimeSeriesPolicyBuilder {
    static func build(_ entries: [(name: String, reader: ObjectReader)], defaults: TimeSeriesDefaults, cost: CostWeights,
                      k: Int?, encoder: EncoderConfig) throws -> [(name: String, config: ForecastPolicyConfig)] {
        try entries.map { entry in
            var r = entry.reader
            let kindName = try r.string("kind", oneOf: ForecastPolicyConfig.Kind.allCases.map(\.rawValue))
            let kind = ForecastPolicyConfig.Kind(rawValue: kindName)!
            var config = ForecastPolicyConfig(kind: kind, window: defaults.gameWindow, weights: cost, greedy: defaults.warmup)
            if kind == .greedy {
                config.greedy = try greedy(&r, defaults: defaults.greedy)
            } else if kind == .persistence {
                config.anchor = .last
            } else {
                config.window = try r.int("window", default: defaults.gameWindow, in: 1...10_000)
                config.weights = try TimeSeriesBuilder.costFields(&r, defaults: cost)
                config.gameEvery = try r.int("gameEvery", default: 1, in: 1...1_000_000)
                config.replayReset = try r.bool("replayReset", default: true)
                config.mcSamples = try r.int("mcSamples", default: 0, in: 0...1_000_000)
                if var w = try r.object("warmup") {
                    config.greedy = try greedy(&w, defaults: defaults.warmup)
                    try w.finish()
                }
                if kind == .memoa {
                    config.sampleSize = k
                    if try r.string("criterion", default: "meanField", oneOf: ["meanField", "worstClient"]) == "worstClient" {
                        config.criterion = .worstClient(tolerance: try r.double("tolerance", default: 1e-6, in: 1e-15...1),
                                                        maxIterations: try r.int("maxIterations", default: 2000, in: 1...1_000_000))
                    }
                    let mode = try r.string("consistency", default: "solve", oneOf: ["solve", "iterate"])
                    if mode == "iterate" && config.criterion == .meanField {
                        config.consistency = .iterate(tolerance: try r.double("tolerance", default: 1e-12, in: 0...1),
                                                      maxIterations: try r.int("maxIterations", default: 1000, in: 1...1_000_000))
                    }
                }
            }
            try checkDiscount(config.greedy.alpha, window: config.greedy.window,
                              path: kind == .greedy ? r.child("alpha") : r.child("warmup.alpha"), reader: r)
            if kind != .greedy && kind != .persistence {
                try checkDiscount(config.weights.alpha, window: config.window,
                                  path: r.has("alpha") ? r.child("alpha") : "world.cost.alpha", reader: r)
            }
            if kind != .persistence {
                config.anchor = .init(rawValue: try r.string("anchor", default: "replay", oneOf: ForecastPolicyConfig.Anchor.allCases.map(\.rawValue)))!
            }
            config.encoder = try TimeSeriesBuilder.readEncoder(&r, over: encoder)
            if let problem = config.problem {
                throw r.issue("kind", problem, value: .string(kindName))
            }
            try r.finish()
            return (entry.name, config)
        }
    }

    /// The largest α·(T − 1) allowed: the oldest step of a window is weighted e^{−α(T−1)}, and below
    /// e^{−25} ≈ 10^{−11} that weight vanishes next to the others in the window's normal equations, which
    /// then lose positive definiteness in floating point.
    static let maxDiscountExponent = 25.0

    private static func checkDiscount(_ alpha: Double, window: Int, path: String, reader: ObjectReader) throws {
        guard alpha * Double(window - 1) > maxDiscountExponent else { return }
        throw reader.context.issue(path, "alpha × (window − 1) must be at most \(Int(maxDiscountExponent)) (window \(window)): "
                                   + "the oldest step's weight e^(−alpha·(window − 1)) would vanish in floating point",
                                   value: .number(alpha), hint: "use alpha <= \(maxDiscountExponent / Double(max(window - 1, 1))) or a shorter window")
    }

    private static func greedy(_ r: inout ObjectReader, defaults: GreedyConfig) throws -> GreedyConfig {
        GreedyConfig(window: try r.int("window", default: defaults.window, in: 1...10_000),
                     alpha: try r.double("alpha", default: defaults.alpha, in: 0...1e6),
                     gamma: try r.double("gamma", default: defaults.gamma, in: 1e-12...1e12))
    }
}
