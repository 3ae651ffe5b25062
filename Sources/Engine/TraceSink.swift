/// Receives trace records (DESIGN.md "Engine", trace). Writers: ``JSONLinesTraceWriter`` and
/// ``TextTraceWriter``; tests use ``TraceRecorder``.
public protocol TraceSink {
    /// Receives one record. Called in event order.
    mutating func record(_ record: TraceRecord) throws
    /// Flushes and closes; no record follows.
    mutating func finish() throws
}

/// Keeps records in memory (tests, `sim step`).
public struct TraceRecorder: TraceSink, Sendable {
    /// Everything recorded so far.
    public private(set) var records: [TraceRecord] = []
    public init() {}
    public mutating func record(_ record: TraceRecord) { records.append(record) }
    public mutating func finish() {}
}
