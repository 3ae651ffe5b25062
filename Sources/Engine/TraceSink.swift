/// Receives trace records. Writers: ``JSONLinesTraceWriter`` and
/// ``TextTraceWriter``; tests use ``TraceRecorder``.
public protocol TraceSink {
    /// Receives one record. Called in event order.
    mutating func record(_ record: TraceRecord) throws
    /// Flushes and closes; no record follows.
    mutating func finish() throws
    /// Flushes without closing and returns the output's position (see ``ByteOutput/checkpoint()``).
    mutating func checkpoint() throws -> UInt64?
}

extension TraceSink {
    public mutating func checkpoint() throws -> UInt64? { nil }
}

/// Keeps records in memory (tests, `sim step`).
public struct TraceRecorder: TraceSink, Sendable {
    /// Everything recorded so far.
    public private(set) var records: [TraceRecord] = []
    public init() {}
    public mutating func record(_ record: TraceRecord) { records.append(record) }
    public mutating func finish() {}
}
