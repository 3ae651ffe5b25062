import Engine

/// How the agent-population worlds save their whole `State` value and digest their configuration
/// value: through ``StateEncoder``, which refuses only dictionaries and sets. A world's state and
/// configuration hold neither, so a refusal here is a programming error, not a runtime failure.
extension StateWriter {
    /// Appends a world's state value.
    mutating func encodeWorldState(_ state: some Encodable) {
        do { try StateEncoder.encode(state, into: &self) } catch { preconditionFailure("a world state holds no dictionary or set: \(error)") }
    }

    /// Appends the checkpoint of a world that is its configuration plus one state value: a section
    /// named `section`, the configuration's digest, then `state` (read back by
    /// ``StateReader/readWorldState(_:section:configurationDigest:differs:check:)``).
    mutating func writeWorldState(_ state: some Encodable, section name: String, configurationDigest: UInt64) {
        section(name)
        write(configurationDigest)
        encodeWorldState(state)
    }
}

extension StateDigest {
    /// The digest of every field of a world's configuration value (``StateDigest/of(_:)``).
    static func ofConfiguration(_ configuration: some Encodable) -> UInt64 {
        do { return try of(configuration) } catch { preconditionFailure("a world configuration holds no dictionary or set: \(error)") }
    }
}

extension StateReader {
    /// Reads what ``StateWriter/writeWorldState(_:section:configurationDigest:)`` wrote and returns the
    /// state only if its configuration digest equals this run's (else ``CheckpointError/mismatch(_:)``
    /// saying what `differs`) and `check` accepts it, so a caller that assigns the result changes
    /// nothing when this throws.
    mutating func readWorldState<State: Decodable>(_ type: State.Type, section name: String, configurationDigest: UInt64,
                                                   differs: String, check: (State) throws -> Void) throws -> State {
        try section(name)
        guard try readUInt64() == configurationDigest else {
            throw CheckpointError.mismatch("\(differs) differ from the checkpointed run's")
        }
        let restored = try StateDecoder.decode(type, from: &self)
        try check(restored)
        return restored
    }

    /// Throws ``CheckpointError/corrupt(_:)`` naming `field` unless `value` lies in `range` (a decoded
    /// state's integer, checked as ``readInt(in:_:)`` checks one read from the stream).
    static func require(_ value: Int, in range: ClosedRange<Int>, _ field: String) throws {
        guard range.contains(value) else { throw CheckpointError.corrupt("\(field) is \(value), outside \(range.lowerBound)...\(range.upperBound)") }
    }
}
