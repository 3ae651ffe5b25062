import Engine

/// What one run (one policy, one seed) produced.
public struct RunOutcome: Sendable {
    /// Metric summaries over episodes, in the world's order, restricted to the scenario's `outputs.metrics`.
    public var metrics: [(name: String, stats: RunningStats)]
    /// Per-step series.
    public var series: [StepSeries]
    /// Events dispatched.
    public var events: Int
    /// The simulated time reached.
    public var simulatedTime: SimTime
    /// Whether the run was stopped early (interrupt).
    public var stopped: Bool
    /// Wall-clock seconds.
    public var wallSeconds: Double

    /// The summary of a metric, if reported.
    public func metric(_ name: String) -> RunningStats? { metrics.first { $0.name == name }?.stats }

    /// The metric's mean over the episodes that observed it; NaN (written `null`, an empty CSV field,
    /// `-` in tables, never drawn, never a win) when it is not reported or has no observation. A
    /// count-0 summary's mean is 0, which must never stand in for "no value".
    public func value(_ name: String) -> Double {
        guard let stats = metric(name), stats.count > 0 else { return .nan }
        return stats.mean
    }
}
