import Agents
import Engine

extension EngineSession {
    public var checkpointRefusal: String? { simulation.model.checkpointUnavailable }

    public func saveState(into writer: inout StateWriter) throws {
        if let refusal = checkpointRefusal { throw CheckpointError.unsupported(refusal) }
        writer.section("session")
        writer.write(earlierWallSeconds + wallSecondsSoFar)
        simulation.saveEngineState(into: &writer)
        writer.section("model")
        try simulation.model.saveCheckpoint(into: &writer)
    }

    public mutating func restoreState(from reader: inout StateReader) throws {
        if let refusal = checkpointRefusal { throw CheckpointError.unsupported(refusal) }
        try reader.section("session")
        let wall = try reader.readDouble()
        guard wall.isFinite, wall >= 0 else { throw CheckpointError.corrupt("the wall time so far is \(wall)") }
        earlierWallSeconds = wall
        interrupted = false
        try simulation.restoreEngineState(from: &reader, modelKinds: simulation.model.checkpointKinds)
        guard simulation.now <= endTime else { throw CheckpointError.corrupt("the clock \(simulation.now) is past the run's end \(endTime)") }
        try reader.section("model")
        var model = simulation.model
        try model.restoreCheckpoint(from: &reader)
        simulation.model = model
    }

    public mutating func checkpointTrace() throws -> UInt64? { try simulation.trace?.checkpoint() }
}
