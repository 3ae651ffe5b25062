/// The compact human form of a trace: `t=3 #17 globalStep agent=- action=2 globalState=4`.
public struct TextTraceWriter<Output: ByteOutput>: TraceSink {
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

    /// The text line of a record, newline included.
    public static func line(_ record: TraceRecord) -> String {
        var line = "t=\(JSONText.number(record.time)) #\(record.sequence) \(record.kind) agent=\(record.agent.map(String.init) ?? "-")"
        for (key, value) in record.payload {
            let text: String
            switch value {
            case .string(let s): text = s
            default: text = JSONText.value(value)
            }
            line += " \(key)=\(text)"
        }
        return line + "\n"
    }
}
