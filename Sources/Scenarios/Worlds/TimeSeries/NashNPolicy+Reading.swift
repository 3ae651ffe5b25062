import Agents

/// `nash-n` reads the shared window-game keys.
extension NashNPolicy: ScenarioForecastPolicy {
    public static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> NashNPolicy {
        var game = try WindowGameSettings.read(&r, context)
        try game.finish(&r, context)
        return NashNPolicy(game: game)
    }

    /// T [(N d_z)³ + (N d_z)² N d_y + N (N d_y)³] for the stacked systems and every client's value update;
    /// Monte-Carlo samples add the corrections T N S (N d_y) (N d_z)².
    public func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {
        game.addWarmupWork(to: &estimate, shape)
        let n = shape.clients, t = Double(game.window), stacked = n * shape.latentWidth, state = n * shape.targets
        estimate.add(shape.path, operations: t * (stacked * stacked * stacked + stacked * stacked * state + n * state * state * state),
                     what: "nash-n policy '\(shape.name)': \(game.window) stacked (N d_z)³ systems of N = \(MemoryEstimate.number(n)) clients",
                     hint: "use memoa (cost independent of N), fewer clients, a smaller latentWidth or a shorter window")
        game.addMonteCarloWork(to: &estimate, shape, corrections: t * n * Double(game.mcSamples) * state * stacked * stacked)
    }

    public func memoryPerClient(_ shape: ForecastEstimateShape) -> Double { game.windowGameCopies(shape) }

    /// The stacked first-order conditions: (N d_z)² per window step, plus factorization copies.
    public func addMemory(to estimate: inout MemoryEstimate, _ shape: ForecastEstimateShape) {
        let side = shape.clients * shape.latentWidth
        estimate.add(shape.path, count: side * side * (Double(game.window) + 3), bytesEach: 8,
                     what: "nash-n policy '\(shape.name)': stacked (N d_z)² systems over the window",
                     hint: "use memoa (cost independent of N) or fewer clients")
    }
}
