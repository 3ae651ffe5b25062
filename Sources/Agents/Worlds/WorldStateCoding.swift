import Engine

/// How the agent-population worlds save their whole `State` value and digest their configuration
/// value: through ``StateEncoder``, which refuses only dictionaries and sets. A world's state and
/// configuration hold neither, so a refusal here is a programming error, not a runtime failure.
extension StateWriter {
    /// Appends a world's state value.
    mutating func encodeWorldState(_ state: some Encodable) {
        do { try StateEncoder.encode(state, into: &self) } catch { preconditionFailure("a world state holds no dictionary or set: \(error)") }
    }
}

extension StateDigest {
    /// The digest of every field of a world's configuration value (``StateDigest/of(_:)``).
    static func ofConfiguration(_ configuration: some Encodable) -> UInt64 {
        do { return try of(configuration) } catch { preconditionFailure("a world configuration holds no dictionary or set: \(error)") }
    }
}

extension StateReader {
    /// Throws ``CheckpointError/corrupt(_:)`` naming `field` unless `value` lies in `range` (a decoded
    /// state's integer, checked as ``readInt(in:_:)`` checks one read from the stream).
    static func require(_ value: Int, in range: ClosedRange<Int>, _ field: String) throws {
        guard range.contains(value) else { throw CheckpointError.corrupt("\(field) is \(value), outside \(range.lowerBound)...\(range.upperBound)") }
    }
}
