import Engine

extension ForecastSimulation: CheckpointableState {
    /// ``configurationDigest``, then ``state`` — one value, one encoder, so a field added to ``State`` is
    /// saved without anyone listing it.
    public func save(into writer: inout StateWriter) {
        writer.section("forecast-simulation")
        writer.write(configurationDigest)
        do {
            try StateEncoder.encode(state, into: &writer)
        } catch {
            // Only a dictionary or a set fails to encode, and the state holds neither.
            preconditionFailure("the forecast state cannot be encoded: \(error)")
        }
    }

    /// Reads the state written by ``save(into:)`` and checks every field against this run's sizes
    /// (``State/validated(for:)``) before using it.
    /// - Throws: ``CheckpointError/mismatch(_:)`` when the data or configuration differ from the saved run's,
    ///   ``CheckpointError/corrupt(_:)`` when a value does not fit.
    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("forecast-simulation")
        guard try reader.readUInt64() == configurationDigest else {
            throw CheckpointError.mismatch("the series, seed or policy settings differ from the checkpointed run's")
        }
        state = try StateDecoder.decode(State.self, from: &reader).validated(for: self)
    }
}
