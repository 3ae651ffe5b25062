import Agents
import Engine

/// A run session that checkpoints can save and restore. ``EngineSession`` is one
/// whenever its world model conforms to ``CheckpointableState``; other sessions are refused up front.
public protocol CheckpointableSession: RunSession {
    /// Whether this session can be checkpointed: its model conforms to ``CheckpointableState`` and
    /// does not refuse (``checkpointRefusal``).
    var supportsCheckpoints: Bool { get }
    /// Why this run cannot be checkpointed although its world can, nil otherwise.
    var checkpointRefusal: String? { get }
    /// Appends the session's state: the engine's, then the model's.
    /// - Throws: ``CheckpointError/unsupported(_:)`` when the model cannot be checkpointed.
    func saveState(into writer: inout StateWriter) throws
    /// Restores a session built from the same scenario, policy and seed.
    mutating func restoreState(from reader: inout StateReader) throws
    /// Flushes the attached trace and returns its byte position, nil without a file trace.
    mutating func checkpointTrace() throws -> UInt64?
}

extension EngineSession: CheckpointableSession {
    public var supportsCheckpoints: Bool {
        (simulation.model as? any CheckpointableState).map { $0.checkpointRefusal == nil } ?? false
    }

    public var checkpointRefusal: String? { (simulation.model as? any CheckpointableState)?.checkpointRefusal }

    public func saveState(into writer: inout StateWriter) throws {
        guard let model = simulation.model as? any CheckpointableState else { throw Self.unsupported }
        writer.section("session")
        writer.write(earlierWallSeconds + wallSecondsSoFar)
        simulation.saveEngineState(into: &writer)
        writer.section("model")
        writer.write(model)
    }

    public mutating func restoreState(from reader: inout StateReader) throws {
        guard var model = simulation.model as? any CheckpointableState else { throw Self.unsupported }
        try reader.section("session")
        let wall = try reader.readDouble()
        guard wall.isFinite, wall >= 0 else { throw CheckpointError.corrupt("the wall time so far is \(wall)") }
        earlierWallSeconds = wall
        interrupted = false
        try simulation.restoreEngineState(from: &reader, modelKinds: model.scheduledKinds)
        guard simulation.now <= endTime else { throw CheckpointError.corrupt("the clock \(simulation.now) is past the run's end \(endTime)") }
        try reader.section("model")
        try model.restore(from: &reader)
        // `model` was opened from a `Model`, so the cast back cannot fail.
        simulation.model = model as! Model
    }

    public mutating func checkpointTrace() throws -> UInt64? { try simulation.trace?.checkpoint() }

    private static var unsupported: CheckpointError {
        .unsupported("this world's model (\(Model.self)) cannot be checkpointed yet: it does not conform to CheckpointableState")
    }
}
