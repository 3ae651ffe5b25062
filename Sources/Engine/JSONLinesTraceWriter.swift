/// Writes one JSON object per event: `{"t":…,"seq":…,"kind":…,"agent":…,…payload}` (DESIGN.md
/// "Machine-readable outputs"). Lines are written whole, so a stream cut after any write ends on a
/// complete line.
public struct JSONLinesTraceWriter<Output: ByteOutput>: TraceSink {
    /// The destination.
    public private(set) var output: Output
    private let filter: TraceFilter

    public init(output: Output, filter: TraceFilter = TraceFilter()) {
        self.output = output
        self.filter = filter
    }

    public mutating func record(_ record: TraceRecord) throws {
        guard filter.accepts(kind: record.kind, agent: record.agent, time: record.time) else { return }
        try output.write(Array(Self.line(record).utf8))
    }

    public mutating func finish() throws { try output.close() }

    /// The JSON line of a record, newline included.
    public static func line(_ record: TraceRecord) -> String {
        var line = "{\"t\":\(JSONText.number(record.time)),\"seq\":\(record.sequence),\"kind\":\(JSONText.string(record.kind)),\"agent\":"
        line += record.agent.map(String.init) ?? "null"
        for (key, value) in record.payload {
            line += ",\(JSONText.string(key)):\(JSONText.value(value))"
        }
        return line + "}\n"
    }
}
