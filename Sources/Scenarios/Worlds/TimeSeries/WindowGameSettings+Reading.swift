import Agents

/// The keys every window-game policy shares (`replay-only`, `nash-n`, `memoa`): `window` (T_game), `q`,
/// `kappa`, `lambda`, `gamma`, `alpha` (defaults: `world.cost`), `gameEvery` (1), `replayReset` (true),
/// `mcSamples` (0), `warmup` { window, alpha, gamma } (the local update used before a full window and
/// between games), `anchor` and `encoder`.
extension WindowGameSettings {
    /// Reads the game's keys up to `warmup`; a family reads its own keys next, then calls ``finish(_:_:)``.
    static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> WindowGameSettings {
        var game = WindowGameSettings(window: context.defaults.gameWindow, weights: context.cost, warmup: context.defaults.warmup)
        game.window = try r.int("window", default: context.defaults.gameWindow, in: 1...10_000)
        game.weights = try TimeSeriesBuilder.costFields(&r, defaults: context.cost)
        game.gameEvery = try r.int("gameEvery", default: 1, in: 1...1_000_000)
        game.replayReset = try r.bool("replayReset", default: true)
        game.mcSamples = try r.int("mcSamples", default: 0, in: 0...1_000_000)
        if var w = try r.object("warmup") {
            game.warmup = try GreedyConfig.read(&w, defaults: context.defaults.warmup)
            try w.finish()
        }
        return game
    }

    /// Checks both discounts, then reads `anchor` and the `encoder` override.
    mutating func finish(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws {
        try TimeSeriesPolicyBuilder.checkDiscount(warmup.alpha, window: warmup.window, path: r.child("warmup.alpha"), reader: r)
        try TimeSeriesPolicyBuilder.checkDiscount(weights.alpha, window: window,
                                                  path: r.has("alpha") ? r.child("alpha") : "world.cost.alpha", reader: r)
        anchor = try context.anchor(&r)
        encoder = try context.encoderOverride(&r)
    }

    /// The warm-up ridge before the family's game work: N (T_g d_y d_z² + d_z³).
    func addWarmupWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {
        warmup.addWork(to: &estimate, shape, path: shape.path + ".warmup.window")
    }

    /// Every client's tracking responses of one window: N (2 T d_z (d_z² + d_y²) + T² d_y² d_z).
    func responses(_ shape: ForecastEstimateShape) -> Double {
        let t = Double(window), dy = shape.targets, dz = shape.latentWidth
        return shape.clients * (2 * t * dz * (dz * dz + dy * dy) + t * dy * t * dy * dz)
    }

    /// The Monte-Carlo rollouts: N S T d_y (d_x + d_y d_z) and their second moments N S T d_y² d_z², plus
    /// `corrections` (the family's own use of the samples).
    func addMonteCarloWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape, corrections: Double = 0) {
        guard mcSamples > 0 else { return }
        let n = shape.clients, s = Double(mcSamples), t = Double(window), dx = shape.inputs, dy = shape.targets, dz = shape.latentWidth
        estimate.add(shape.path + ".mcSamples", operations: n * s * t * (dy * (dx + dy * dz) + dy * dy * dz * dz) + corrections,
                     what: "policy '\(shape.name)': \(mcSamples) Monte-Carlo encoder rollouts per client over the window",
                     value: .number(s), hint: "use fewer mcSamples")
    }

    /// The generic ``WindowGame``'s copies per client (encodings, weights), the solution (controls,
    /// states) and the Monte-Carlo draws.
    func windowGameCopies(_ shape: ForecastEstimateShape) -> Double {
        let t = Double(window), dy = shape.targets, dz = shape.latentWidth
        return t * dy * dz + t + t * dz + (t + 1) * dy + Double(mcSamples) * t * dy * dz
    }
}

extension GreedyConfig {
    /// Reads { window, alpha, gamma } over `defaults`.
    static func read(_ r: inout ObjectReader, defaults: GreedyConfig) throws -> GreedyConfig {
        GreedyConfig(window: try r.int("window", default: defaults.window, in: 1...10_000),
                     alpha: try r.double("alpha", default: defaults.alpha, in: 0...1e6),
                     gamma: try r.double("gamma", default: defaults.gamma, in: 1e-12...1e12))
    }

    /// Every client's ridge update over the window: N (T_g d_y d_z² + d_z³).
    func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape, path: String) {
        let tg = Double(window), dy = shape.targets, dz = shape.latentWidth
        estimate.add(path, operations: shape.clients * (tg * dy * dz * dz + dz * dz * dz),
                     what: "policy '\(shape.name)': every client's ridge update over \(window) rounds",
                     value: .number(tg), hint: "use a shorter window or a smaller latentWidth")
    }
}
