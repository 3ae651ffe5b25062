/// Writes each accepted record as one line of a ``TraceLineFormat`` to a ``ByteOutput``. Lines are
/// written whole, so a stream cut after any write ends on a complete line.
public struct TraceWriter<Output: ByteOutput, Format: TraceLineFormat>: TraceSink {
    /// The destination.
    public private(set) var output: Output
    private let filter: TraceFilter

    public init(output: Output, filter: TraceFilter = TraceFilter()) {
        self.output = output
        self.filter = filter
    }

    public mutating func record(_ record: TraceRecord) throws {
        guard filter.accepts(kind: record.kind, agent: record.agent, time: record.time) else { return }
        try output.write(Array(Format.line(record).utf8))
    }

    public mutating func finish() throws { try output.close() }

    public mutating func checkpoint() throws -> UInt64? { try output.checkpoint() }
}

/// JSON Lines traces.
public typealias JSONLinesTraceWriter<Output: ByteOutput> = TraceWriter<Output, JSONLinesFormat>
/// Compact human-readable traces.
public typealias TextTraceWriter<Output: ByteOutput> = TraceWriter<Output, TextLineFormat>
