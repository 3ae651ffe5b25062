import Agents

/// `replay-only` reads the shared window-game keys.
extension ReplayOnlyPolicy: ScenarioForecastPolicy {
    public static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> ReplayOnlyPolicy {
        var game = try WindowGameSettings.read(&r, context)
        try game.finish(&r, context)
        return ReplayOnlyPolicy(game: game)
    }

    /// The replayed window: N T d_y d_z.
    public func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {
        game.addWarmupWork(to: &estimate, shape)
        let t = Double(game.window)
        estimate.add(shape.path + ".window", operations: shape.clients * t * shape.targets * shape.latentWidth,
                     what: "policy '\(shape.name)': the replayed window", value: .number(t), hint: "use a shorter window")
        game.addMonteCarloWork(to: &estimate, shape)
    }

    public func memoryPerClient(_ shape: ForecastEstimateShape) -> Double { game.windowGameCopies(shape) }
}
