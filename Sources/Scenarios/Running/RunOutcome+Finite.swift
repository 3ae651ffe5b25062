import Engine

/// A run whose metrics or per-step series became infinite or NaN (a numerically impossible setting
/// that validation could not rule out): a runtime failure naming the policy, the metric and the step.
public struct NonFiniteMetricError: Error, Equatable, CustomStringConvertible {
    public let policy: String
    public let metric: String
    /// The simulated time of the first non-finite sample, nil when only the episode summary is non-finite.
    public let time: SimTime?
    public let value: Double

    public var description: String {
        let place = time.map { "at step t = \(JSONText.number($0))" } ?? "in its episode summary"
        return "policy '\(policy)': \(metric) became \(value) \(place); the settings overflow the arithmetic "
            + "(lower the rewards, costs or rates of the scenario)"
    }
}

extension RunOutcome {
    /// Throws when a per-step series holds a non-finite sample (the first one is named) or a metric
    /// with observations has a non-finite summary; metrics without observations are not values.
    public func checkFinite(policy: String) throws {
        for s in series {
            if let i = s.values.firstIndex(where: { !$0.isFinite }) {
                throw NonFiniteMetricError(policy: policy, metric: s.name, time: s.times[i], value: s.values[i])
            }
        }
        for (name, stats) in metrics where stats.count > 0 {
            if let bad = [stats.mean, stats.min, stats.max].first(where: { !$0.isFinite }) {
                throw NonFiniteMetricError(policy: policy, metric: name, time: nil, value: bad)
            }
        }
    }
}
