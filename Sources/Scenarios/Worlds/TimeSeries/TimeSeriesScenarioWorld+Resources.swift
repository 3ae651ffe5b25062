import Agents

/// What a time-series run allocates, estimated before anything is built. Dimensions
/// d_x, d_y count as 1 when the data is not built yet, so the estimate is a lower bound — enough to
/// refuse a million clients over ten million rounds before the operating system does.
extension TimeSeriesScenarioWorld {
    static func memoryEstimate(rounds: Int, episodes: Int, clients: Int, latentWidth: Int, data: TimeSeriesData?,
                               policies: [(name: String, config: ForecastPolicyConfig)]) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let r = Double(rounds), n = Double(clients), dz = Double(latentWidth)
        let dx = Double(data?.inputDimension ?? 1), dy = Double(data?.targetDimension ?? 1)
        // Per round: every client's Z (d_y × d_z), its prediction (d_y) and its mixture weight.
        estimate.add("world.clients", count: r * n, bytesEach: 8 * (dy * dz + dy + 1),
                     what: "rounds × clients of encodings, predictions and weights kept for the window game",
                     value: .number(n), hint: "lower world.clients or the number of rounds")
        estimate.add("world", count: (r + 1) * (dx + dy) + n * (dy * dx + dy * dy + dy * dz), bytesEach: 8,
                     what: "the series and the encoders' fixed maps", hint: "use a shorter series or fewer clients")
        estimate.add("episodes", count: Double(episodes) * r, bytesEach: 16, what: "episodes × rounds of the recorded error series",
                     value: .number(Double(episodes)), hint: "lower episodes")
        for (name, config) in policies where config.kind == .nashN {
            // The stacked first-order conditions: (N d_z)² per window step, plus factorization copies.
            let side = n * dz
            estimate.add("policies.\(name)", count: side * side * Double(config.window + 3), bytesEach: 8,
                         what: "nash-n policy '\(name)': stacked (N d_z)² systems over the window",
                         hint: "use memoa (cost independent of N) or fewer clients")
        }
        return estimate
    }
}
