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
    /// One local agent's state, nil when `agent` is out of range. Models that keep the last step
    /// (``recordsLastStep``) add the agent's last action and reward.
    func inspectAgent(_ agent: Int) -> [(String, String)]?
    /// How many agents ``inspectAgent(_:)`` can name: they are numbered 0 ..< agentCount.
    var agentCount: Int { get }
    /// Whether the model keeps what it needs to tell each agent's last action and reward
    /// (`sim step` turns it on). It changes no result. Models without per-agent actions ignore it.
    var recordsLastStep: Bool { get set }
    /// Agents whose states, actions and rewards the population-wide trace lines carry (the trace's
    /// `agents` filter), nil for none. It changes no result. Models without such lines ignore it.
    var tracedAgents: ClosedRange<Int>? { get set }
    /// The mean-field (population summary).
    func inspectMeanField() -> [(String, String)]
    /// Threads for stepping the population; results must not depend on it. Models without a
    /// parallel step keep the default (1, setting it does nothing).
    var populationThreads: Int { get set }

    /// Why a run of this model cannot be checkpointed, nil when it can. A model that conforms to
    /// ``CheckpointableState`` can, unless it refuses this run (``CheckpointableState/checkpointRefusal``);
    /// any other model cannot.
    var checkpointUnavailable: String? { get }
    /// Appends the model's mutable state (``CheckpointableState/save(into:)``).
    /// - Throws: ``CheckpointError/unsupported(_:)`` when the model cannot be checkpointed.
    func saveCheckpoint(into writer: inout StateWriter) throws
    /// Restores what ``saveCheckpoint(into:)`` wrote (``CheckpointableState/restore(from:)``).
    /// - Throws: ``CheckpointError``.
    mutating func restoreCheckpoint(from reader: inout StateReader) throws
    /// The event kinds the model schedules itself (``CheckpointableState/scheduledKinds``).
    var checkpointKinds: [EventKind] { get }
}

extension SessionModel {
    public var populationThreads: Int {
        get { 1 }
        set {}
    }

    /// Models that cannot show single agents name none.
    public var agentCount: Int { 0 }

    public var recordsLastStep: Bool {
        get { false }
        set {}
    }

    public var tracedAgents: ClosedRange<Int>? {
        get { nil }
        set {}
    }
}

extension SessionModel {
    public var checkpointUnavailable: String? {
        "this world's model (\(Self.self)) cannot be checkpointed yet: it does not conform to CheckpointableState"
    }

    public func saveCheckpoint(into writer: inout StateWriter) throws { throw CheckpointError.unsupported(checkpointUnavailable ?? "") }

    public mutating func restoreCheckpoint(from reader: inout StateReader) throws {
        throw CheckpointError.unsupported(checkpointUnavailable ?? "")
    }

    public var checkpointKinds: [EventKind] { [] }
}

extension SessionModel where Self: CheckpointableState {
    public var checkpointUnavailable: String? { checkpointRefusal }

    public func saveCheckpoint(into writer: inout StateWriter) throws { writer.write(self) }

    public mutating func restoreCheckpoint(from reader: inout StateReader) throws { try reader.read(into: &self) }

    public var checkpointKinds: [EventKind] { scheduledKinds }
}
