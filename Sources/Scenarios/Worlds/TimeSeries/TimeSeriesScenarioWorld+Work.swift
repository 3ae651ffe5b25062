import Agents

/// The arithmetic of one time-series round, estimated before anything is built (checked against
/// ``ResourceLimits/maxWork``). Dimensions d_x, d_y count as 1 when the data is not built yet, so the
/// estimate is a lower bound; policies run one after another, so the costliest policy's round counts.
///
/// Per round, every client's encoder and scores: N d_y (d_x + d_y d_z) (``EncoderPopulation``), the
/// regret comparator's Gram sums N d_y d_z² (``HindsightCorrection``, solved once at the end: N d_z³),
/// and the warm-up `greedy` ridge over T_g rounds: N (T_g d_y d_z² + d_z³). A game round (T = window,
/// S = mcSamples) adds, by solver:
/// * `memoa` (``MemoaSolver``): each client plans a Riccati pass twice and responds to T d_y unit
///   mean-fields, N (2 T d_z (d_z² + d_y²) + T² d_y² d_z), then the (T d_y)³ consistent solve (or
///   `maxIterations` × N T d_y d_z when iterated);
/// * `memoa` with `criterion: "worstClient"` (``WorstClientSolver``): the same responses, then
///   `maxIterations` × N (T d_y)² and a (2 T d_y)³ solve;
/// * `nash-n` (``NashNSolver``): T [(N d_z)³ + (N d_z)² N d_y + N (N d_y)³] for the stacked systems and
///   every client's value update;
/// * `replay-only`: N T d_y d_z;
/// * Monte-Carlo samples: N S T d_y (d_x + d_y d_z) encoder rollouts and their second moments
///   N S T d_y² d_z², and for `nash-n` the corrections T N S (N d_y) (N d_z)².
extension TimeSeriesScenarioWorld {
    static func workEstimate(clients: Int, latentWidth: Int, data: TimeSeriesData?,
                             policies: [(name: String, config: ForecastPolicyConfig)]) -> WorkEstimate {
        let n = Double(clients)
        let dx = Double(data?.inputDimension ?? 1), dy = Double(data?.targetDimension ?? 1)
        let runs = policies.map { policy in
            perRound(policy, clients: n, dx: dx, dy: dy, latentWidth: Double(policy.config.encoder?.latentWidth ?? latentWidth))
        }
        return runs.max(by: { $0.totalOperations < $1.totalOperations }) ?? WorkEstimate()
    }

    private static func perRound(_ policy: (name: String, config: ForecastPolicyConfig), clients n: Double, dx: Double, dy: Double,
                                 latentWidth dz: Double) -> WorkEstimate {
        var estimate = WorkEstimate()
        let config = policy.config, path = "policies.\(policy.name)"
        let widthPath = config.encoder == nil ? "world.encoder.latentWidth" : path + ".encoder.latentWidth"
        estimate.add(widthPath, operations: n * (dy * (dx + dy * dz) + dy * dz * dz + dz * dz * dz),
                     what: "\(MemoryEstimate.number(n)) clients' encoders, regret sums and final solves with d_z = \(MemoryEstimate.number(dz))",
                     value: .number(dz), hint: "use a smaller latentWidth or fewer world.clients")
        let tg = Double(config.greedy.window)
        estimate.add(config.kind == .greedy ? path + ".window" : path + ".warmup.window",
                     operations: n * (tg * dy * dz * dz + dz * dz * dz),
                     what: "policy '\(policy.name)': every client's ridge update over \(config.greedy.window) rounds",
                     value: .number(tg), hint: "use a shorter window or a smaller latentWidth")
        guard config.kind != .greedy && config.kind != .persistence else { return estimate }
        let t = Double(config.window), side = t * dy
        let responses = n * (2 * t * dz * (dz * dz + dy * dy) + side * t * dy * dz)
        switch (config.kind, config.criterion, config.consistency) {
        case (.nashN, _, _):
            let stacked = n * dz, state = n * dy
            estimate.add(path, operations: t * (stacked * stacked * stacked + stacked * stacked * state + n * state * state * state),
                         what: "nash-n policy '\(policy.name)': \(config.window) stacked (N d_z)³ systems of N = \(MemoryEstimate.number(n)) clients",
                         hint: "use memoa (cost independent of N), fewer clients, a smaller latentWidth or a shorter window")
        case (.memoa, .worstClient(_, let iterations), _):
            estimate.add(path, operations: responses + Double(iterations) * n * side * side + 8 * side * side * side,
                         what: "memoa policy '\(policy.name)' (worstClient): \(iterations) iterations over \(MemoryEstimate.number(n)) clients and a window of \(config.window)",
                         hint: "lower maxIterations, use a shorter window or fewer clients")
        case (.memoa, _, .iterate(_, let iterations)):
            estimate.add(path, operations: responses + Double(iterations) * n * side * dz,
                         what: "memoa policy '\(policy.name)': \(iterations) consistency iterations over \(MemoryEstimate.number(n)) clients",
                         hint: "lower maxIterations, use a shorter window or fewer clients")
        case (.memoa, _, _):
            estimate.add(path + ".window", operations: responses + side * side * side,
                         what: "memoa policy '\(policy.name)': every client's Riccati passes and the (T d_y)³ consistent mean-field over a window of \(config.window)",
                         value: .number(t), hint: "use a shorter window, a smaller latentWidth or fewer clients")
        default:
            estimate.add(path + ".window", operations: n * t * dy * dz, what: "policy '\(policy.name)': the replayed window",
                         value: .number(t), hint: "use a shorter window")
        }
        if config.mcSamples > 0 {
            let s = Double(config.mcSamples)
            var operations = n * s * t * (dy * (dx + dy * dz) + dy * dy * dz * dz)
            if config.kind == .nashN { operations += t * n * s * (n * dy) * (n * dz) * (n * dz) }
            estimate.add(path + ".mcSamples", operations: operations,
                         what: "policy '\(policy.name)': \(config.mcSamples) Monte-Carlo encoder rollouts per client over the window",
                         value: .number(s), hint: "use fewer mcSamples")
        }
        return estimate
    }
}
