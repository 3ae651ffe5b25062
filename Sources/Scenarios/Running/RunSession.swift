import Agents
import Engine

/// One policy under one seed, ready to be stepped (`sim step`) or run to the end (`sim run`).
public protocol RunSession {
    /// The clock.
    var now: SimTime { get }
    /// When the run ends (events at or after it are not dispatched).
    var endTime: SimTime { get }
    /// Events dispatched so far.
    var dispatched: Int { get }
    /// Sends trace records of events accepted by `filter` to `sink`.
    mutating func attachTrace(_ sink: any TraceSink, filter: TraceFilter)
    /// Detaches the trace, returning the sink (finished).
    mutating func detachTrace() throws -> (any TraceSink)?
    /// Dispatches one event before ``endTime``; nil when none is left.
    mutating func step() throws -> Event?
    /// Runs until `time` (capped at ``endTime``); returns true when `shouldStop` interrupted it.
    mutating func run(until time: SimTime, shouldStop: () -> Bool) throws -> Bool
    /// Ends the run and summarizes it.
    mutating func finish() throws -> RunOutcome
    /// `(field, value)` pairs for `sim step`'s `show` commands.
    func inspect(_ query: Inspection) -> [(String, String)]?
    /// Metric summaries of the episodes completed so far, without ending the run (`sim step`'s `show metrics`).
    var metricsSoFar: [(name: String, stats: RunningStats)] { get }
    /// The per-step series recorded so far.
    var seriesSoFar: [StepSeries] { get }
    /// Lets the population step use `threads` threads; results are bit-identical for any value.
    mutating func setPopulationThreads(_ threads: Int)
    /// How many agents `show agent I` can name (0 ..< agentCount).
    var agentCount: Int { get }
    /// Keeps what the world needs to tell each agent's last action and reward (`sim step`); changes
    /// no result.
    mutating func recordLastStep()

    /// Why this run cannot be checkpointed (`sim run --checkpoint`), nil when it can.
    var checkpointRefusal: String? { get }
    /// Appends the session's state: the engine's, then the model's.
    /// - Throws: ``CheckpointError/unsupported(_:)`` when the run cannot be checkpointed.
    func saveState(into writer: inout StateWriter) throws
    /// Restores a session built from the same scenario, policy and seed.
    /// - Throws: ``CheckpointError``.
    mutating func restoreState(from reader: inout StateReader) throws
    /// Flushes the attached trace and returns its byte position, nil without a file trace.
    mutating func checkpointTrace() throws -> UInt64?
}

extension RunSession {
    /// Sessions that cannot summarize a run in progress report nothing.
    public var metricsSoFar: [(name: String, stats: RunningStats)] { [] }
    /// Sessions that cannot summarize a run in progress report nothing.
    public var seriesSoFar: [StepSeries] { [] }
    /// Sessions without a parallel population step ignore the thread count.
    public mutating func setPopulationThreads(_ threads: Int) {}
    /// Sessions without per-agent inspection have no agents to name.
    public var agentCount: Int { 0 }
    /// Sessions without per-agent actions have nothing to keep.
    public mutating func recordLastStep() {}

    /// Sessions without saved state cannot be checkpointed.
    public var checkpointRefusal: String? { "this session cannot be checkpointed" }

    public func saveState(into writer: inout StateWriter) throws { throw CheckpointError.unsupported(checkpointRefusal ?? "") }

    public mutating func restoreState(from reader: inout StateReader) throws { throw CheckpointError.unsupported(checkpointRefusal ?? "") }

    public mutating func checkpointTrace() throws -> UInt64? { nil }

    /// Whether this run can be checkpointed (``checkpointRefusal`` is nil).
    public var supportsCheckpoints: Bool { checkpointRefusal == nil }
}

/// What `show` can ask for.
public enum Inspection: Sendable, Equatable {
    case global, meanField, agent(Int)
}

/// A ``RunSession`` over the engine's ``Simulation`` for any ``SessionModel``.
public struct EngineSession<Model: SessionModel>: RunSession {
    /// The simulation.
    public internal(set) var simulation: Simulation<Model>
    public let endTime: SimTime
    private let metricFilter: [String]?
    private let started = ContinuousClock.now
    var interrupted = false
    /// Wall-clock seconds spent before this session was restored from a checkpoint.
    var earlierWallSeconds = 0.0

    /// - Parameter metrics: the metrics to report (nil: all the model has).
    public init(model: Model, schedules: ScheduleTable, endTime: SimTime, metrics: [String]?) {
        simulation = Simulation(model: model, schedules: schedules)
        self.endTime = endTime
        metricFilter = metrics
    }

    public var now: SimTime { simulation.now }
    public var dispatched: Int { simulation.dispatched }

    public mutating func attachTrace(_ sink: any TraceSink, filter: TraceFilter) {
        simulation.trace = sink
        simulation.traceFilter = filter
        simulation.model.tracedAgents = filter.agents
    }

    public mutating func detachTrace() throws -> (any TraceSink)? {
        var sink = simulation.trace
        try sink?.finish()
        simulation.trace = nil
        simulation.model.tracedAgents = nil
        return sink
    }

    public mutating func step() throws -> Event? {
        guard let next = simulation.queue.nextTime, next < endTime else { return nil }
        if case .dispatched(let event) = try simulation.step() { return event }
        return nil
    }

    public mutating func run(until time: SimTime, shouldStop: () -> Bool) throws -> Bool {
        let target = min(time, endTime)
        guard target > simulation.now else { return false }
        interrupted = try simulation.run(until: target, shouldStop: shouldStop) == .stopped
        return interrupted
    }

    /// A run stopped early (interrupt) leaves its running episode out: the metrics summarize only the
    /// episodes completed before the stop, never a truncated one.
    public mutating func finish() throws -> RunOutcome {
        let stopped = interrupted || (simulation.queue.nextTime ?? endTime) < endTime
        if !stopped { simulation.model.finishRun() }
        let all = simulation.model.metricSummaries
        let chosen = metricFilter.map { names in all.filter { names.contains($0.name) } } ?? all
        let seconds = wallSecondsSoFar + earlierWallSeconds
        return RunOutcome(metrics: chosen, series: simulation.model.stepSeries, events: simulation.dispatched,
                          simulatedTime: simulation.now, stopped: stopped, wallSeconds: seconds)
    }

    public var agentCount: Int { simulation.model.agentCount }

    public mutating func recordLastStep() { simulation.model.recordsLastStep = true }

    public mutating func setPopulationThreads(_ threads: Int) {
        precondition(threads >= 1, "threads must be >= 1, got \(threads)")
        simulation.model.populationThreads = threads
    }

    /// Wall-clock seconds since this session was created.
    var wallSecondsSoFar: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    public var metricsSoFar: [(name: String, stats: RunningStats)] {
        let all = simulation.model.metricSummaries
        return metricFilter.map { names in all.filter { names.contains($0.name) } } ?? all
    }

    public var seriesSoFar: [StepSeries] { simulation.model.stepSeries }

    public func inspect(_ query: Inspection) -> [(String, String)]? {
        switch query {
        case .global: return simulation.model.inspectGlobal()
        case .meanField: return simulation.model.inspectMeanField()
        case .agent(let i): return simulation.model.inspectAgent(i)
        }
    }
}
