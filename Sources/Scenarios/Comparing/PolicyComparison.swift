import Engine

/// Per-seed metric values of several policies run under the same seeds (common random numbers), with
/// per-policy means and paired differences against the first policy (`sim compare`).
public struct PolicyComparison: Sendable {
    /// The scenario's name.
    public let scenario: String
    /// Seeds, in run order; every policy ran on each.
    public let seeds: [UInt64]
    /// Policies; the first is the baseline of the paired differences.
    public let policies: [String]
    /// Metric names, in report order.
    public let metrics: [String]
    /// `values[metric][policy][seed]`: the metric's mean over the run's episodes.
    public let values: [[[Double]]]
    /// The confidence level of every interval.
    public let confidence: Double
    /// `--retrain`: per retrained policy, the training seed of each evaluation seed (seed order).
    public var trainingSeeds: [(policy: String, seeds: [UInt64])] = []

    /// - Precondition: `values` has `metrics.count × policies.count × seeds.count` entries and at
    ///   least one policy.
    public init(scenario: String, seeds: [UInt64], policies: [String], metrics: [String], values: [[[Double]]],
                confidence: Double = 0.95) {
        precondition(!policies.isEmpty, "a comparison needs at least one policy")
        precondition(values.count == metrics.count
                     && values.allSatisfy { $0.count == policies.count && $0.allSatisfy { $0.count == seeds.count } },
                     "values must be metrics × policies × seeds")
        self.scenario = scenario
        self.seeds = seeds
        self.policies = policies
        self.metrics = metrics
        self.values = values
        self.confidence = confidence
    }

    /// Whether every policy has exactly the baseline's value for `metric` on every seed (a reference
    /// such as the persistence forecast's RMSE, which no policy changes). False with one policy.
    public func isSharedByEveryPolicy(metric: Int) -> Bool {
        guard policies.count > 1 else { return false }
        let baseline = values[metric][0].map(\.bitPattern)
        return values[metric].dropFirst().allSatisfy { $0.map(\.bitPattern) == baseline }
    }

    /// The baseline policy (the first).
    public var baseline: String { policies[0] }

    /// The mean of `policy` for `metric` over seeds, with its interval.
    public func interval(metric: Int, policy: Int) -> MeanInterval {
        MeanInterval(values[metric][policy], confidence: confidence)
    }

    /// `policy - baseline` per seed for `metric`, with wins by the metric's direction.
    public func difference(metric: Int, policy: Int) -> PairedDifference {
        PairedDifference(candidate: values[metric][policy], baseline: values[metric][0],
                         higherIsBetter: MetricDirection.of(metrics[metric]) == .higherIsBetter, confidence: confidence)
    }
}
