import Engine

/// A world model that a run session can drive, summarize and inspect (`sim run`, `sim step`).
public protocol SessionModel: SimulationModel {
    /// Closes the running episode; called once after the last event.
    mutating func finishRun()
    /// Per-episode metric summaries, named as README.md, "Machine-readable outputs" names them.
    var metricSummaries: [(name: String, stats: RunningStats)] { get }
    /// Per-step series (for plots).
    var stepSeries: [StepSeries] { get }
    /// The global agent's state as `(field, value)` pairs.
    func inspectGlobal() -> [(String, String)]
    /// One local agent's state, nil when `agent` is out of range.
    func inspectAgent(_ agent: Int) -> [(String, String)]?
    /// The mean-field (population summary).
    func inspectMeanField() -> [(String, String)]
    /// Threads for stepping the population; results must not depend on it. Models without a
    /// parallel step keep the default (1, setting it does nothing).
    var populationThreads: Int { get set }
}

extension SessionModel {
    public var populationThreads: Int {
        get { 1 }
        set {}
    }
}
