import Agents

/// What a time-series run allocates, estimated before anything is built. Dimensions d_x, d_y count as 1
/// when the data is not built yet, so the estimate is then a lower bound — enough to refuse a million
/// clients over ten million rounds before the operating system does.
///
/// Policies run one after another, so the policy-dependent part is the largest single policy's, not
/// the sum: a `nash-n` entry is charged as what it is, O((N d_z)²) while it runs, and never added to
/// the cost of the others.
extension TimeSeriesScenarioWorld {
    static func memoryEstimate(rounds: Int, episodes: Int, clients: Int, encoder: EncoderConfig, data: TimeSeriesData?,
                               mixture: MixtureConfig = .ridge(), regret: Bool = true,
                               policies: [(name: String, policy: any ScenarioForecastPolicy)]) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let r = Double(rounds), n = Double(clients)
        let dx = Double(data?.inputDimension ?? 1), dy = Double(data?.targetDimension ?? 1)
        estimate.add("world", count: (r + 1) * (dx + dy), bytesEach: 8, what: "the series",
                     hint: "use a shorter series")
        estimate.add("episodes", count: Double(episodes) * r, bytesEach: 16, what: "episodes × rounds of the recorded error series",
                     value: .number(Double(episodes)), hint: "lower episodes")
        let runs = policies.map { policy in
            perRun(policy.policy, ForecastEstimateShape(name: policy.name, clients: n, inputs: dx, targets: dy,
                                                        latentWidth: Double((policy.policy.encoder ?? encoder).latentWidth),
                                                        projections: Double((policy.policy.encoder ?? encoder).projections)),
                   mixture: mixture, regret: regret)
        }
        if let largest = runs.max(by: { $0.totalBytes < $1.totalBytes }) {
            for item in largest.items { estimate.add(item) }
        }
        return estimate
    }

    /// Numbers one run of `policy` keeps per client (doubles), with N·d_y·d_z = one encoding of everyone:
    /// the encoders' maps (A has d_y·d_x entries, d_y·d_z·d_x for `projection`) and last output; the rings of the rounds the policy looks back at
    /// (``ForecastPolicy/lookBack``: encodings, predictions, weights); predictions, next predictions,
    /// weights, controls, two score accumulators; the mixture's temporaries; the `worstClientRegret`
    /// comparator's Gram sums when the run reports that metric (`regret`); and what the policy itself keeps (``ScenarioForecastPolicy/memoryPerClient(_:)``,
    /// ``ScenarioForecastPolicy/addMemory(to:_:)``).
    private static func perRun(_ policy: any ScenarioForecastPolicy, _ shape: ForecastEstimateShape,
                               mixture: MixtureConfig, regret: Bool) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let n = shape.clients, dx = shape.inputs, dy = shape.targets, dz = shape.latentWidth
        let lookBack = policy.lookBack
        let mixtureTemporaries: Double
        switch mixture {
        case .ridge: mixtureTemporaries = 5
        case .eg, .hedge: mixtureTemporaries = 2
        case .uniform: mixtureTemporaries = 0
        }
        let perClient = dy * shape.projections * dx + dy * dy + dy * dz + dy * dz  // maps and Z_{t−1}
            + Double(lookBack.encodings) * dy * dz + Double(lookBack.predictions) * dy
            + Double(lookBack.weights ?? 0)                                        // rings
            + 2 * dy + 1 + dz + 2 + mixtureTemporaries + 1                        // state, accumulators, final RMSEs
            + (regret ? dz * dz + dz + 1 : 0)                                       // the regret comparator's sums, its losses
            + policy.memoryPerClient(shape)
        estimate.add("world.clients", count: n, bytesEach: 8 * perClient,
                     what: "policy '\(shape.name)': clients × their encoders, last rounds and state",
                     value: .number(n), hint: "lower world.clients")
        policy.addMemory(to: &estimate, shape)
        return estimate
    }
}
