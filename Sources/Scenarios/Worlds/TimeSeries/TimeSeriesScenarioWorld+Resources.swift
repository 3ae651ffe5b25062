import Agents

/// What a time-series run allocates, estimated before anything is built. Dimensions d_x, d_y count as 1
/// when the data is not built yet, so the estimate is then a lower bound — enough to refuse a million
/// clients over ten million rounds before the operating system does.
///
/// Policies run one after another, so the policy-dependent part is the largest single policy's, not
/// the sum: a `nash-n` entry is charged as what it is, O((N d_z)²) while it runs, and never added to
/// the cost of the others.
extension TimeSeriesScenarioWorld {
    static func memoryEstimate(rounds: Int, episodes: Int, clients: Int, latentWidth: Int, data: TimeSeriesData?,
                               mixture: MixtureConfig = .ridge(),
                               policies: [(name: String, config: ForecastPolicyConfig)]) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let r = Double(rounds), n = Double(clients)
        let dx = Double(data?.inputDimension ?? 1), dy = Double(data?.targetDimension ?? 1)
        estimate.add("world", count: (r + 1) * (dx + dy), bytesEach: 8, what: "the series",
                     hint: "use a shorter series")
        estimate.add("episodes", count: Double(episodes) * r, bytesEach: 16, what: "episodes × rounds of the recorded error series",
                     value: .number(Double(episodes)), hint: "lower episodes")
        let runs = policies.map { policy in
            perRun(policy, clients: n, dx: dx, dy: dy, latentWidth: Double(policy.config.encoder?.latentWidth ?? latentWidth),
                   mixture: mixture)
        }
        if let largest = runs.max(by: { $0.totalBytes < $1.totalBytes }) {
            for item in largest.items { estimate.add(item) }
        }
        return estimate
    }

    /// Numbers one run of `policy` keeps per client (doubles), with N·d_y·d_z = one encoding of everyone:
    /// the encoders' maps and last output; the rings of the last rounds of encodings (max(T_g + 1, T + 2)),
    /// predictions (T_g + 1) and weights (T); predictions, next predictions, weights, controls, two score
    /// accumulators; the mixture's temporaries; the `worstClientRegret` comparator's Gram sums; the generic window game's copies (every window solver but
    /// `memoa` without Monte-Carlo samples).
    private static func perRun(_ policy: (name: String, config: ForecastPolicyConfig), clients n: Double, dx: Double, dy: Double,
                               latentWidth dz: Double, mixture: MixtureConfig) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let config = policy.config, T = Double(config.window), greedyWindow = Double(config.greedy.window)
        let game = config.kind != .greedy
        let zDepth = max(greedyWindow + 1, game ? T + 2 : 0)
        let mixtureTemporaries: Double
        switch mixture {
        case .ridge: mixtureTemporaries = 5
        case .eg, .hedge: mixtureTemporaries = 2
        case .uniform: mixtureTemporaries = 0
        }
        var perClient = dy * dx + dy * dy + dy * dz + dy * dz          // maps and Z_{t−1}
            + zDepth * dy * dz + (greedyWindow + 1) * dy + (game ? T : 0) // rings
            + 2 * dy + 1 + dz + 2 + mixtureTemporaries + 1                // state, accumulators, final RMSEs
            + dz * dz + dz + dy * dz + 1                                    // the regret comparator's sums, its input
        if game && !(config.kind == .memoa && config.mcSamples == 0) {
            // WindowGame copies (encodings, weights), the solution (controls, states), Monte-Carlo draws.
            perClient += T * dy * dz + T + T * dz + (T + 1) * dy + Double(config.mcSamples) * T * dy * dz
        }
        estimate.add("world.clients", count: n, bytesEach: 8 * perClient,
                     what: "policy '\(policy.name)': clients × their encoders, last rounds and state",
                     value: .number(n), hint: "lower world.clients")
        if config.kind == .nashN {
            // The stacked first-order conditions: (N d_z)² per window step, plus factorization copies.
            let side = n * dz
            estimate.add("policies.\(policy.name)", count: side * side * (T + 3), bytesEach: 8,
                         what: "nash-n policy '\(policy.name)': stacked (N d_z)² systems over the window",
                         hint: "use memoa (cost independent of N) or fewer clients")
        }
        return estimate
    }
}
