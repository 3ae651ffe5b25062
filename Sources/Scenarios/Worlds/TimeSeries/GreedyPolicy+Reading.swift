import Agents

/// `greedy`'s keys: `window`, `alpha`, `gamma` (defaults: the world's "no game" row), `anchor`, `encoder`.
extension GreedyPolicy: ScenarioForecastPolicy {
    public static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> GreedyPolicy {
        var policy = GreedyPolicy(update: try GreedyConfig.read(&r, defaults: context.defaults.greedy),
                                  measuredWindow: context.defaults.gameWindow, measuredWeights: context.cost)
        try TimeSeriesPolicyBuilder.checkDiscount(policy.update.alpha, window: policy.update.window, path: r.child("alpha"), reader: r)
        policy.anchor = try context.anchor(&r)
        policy.encoder = try context.encoderOverride(&r)
        return policy
    }

    public func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {
        update.addWork(to: &estimate, shape, path: shape.path + ".window")
    }
}
