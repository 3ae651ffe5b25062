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
}
