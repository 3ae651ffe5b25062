/// How one trace record becomes one line of text.
public protocol TraceLineFormat {
    /// The line of a record, newline included.
    static func line(_ record: TraceRecord) -> String
}

/// `{"t":…,"seq":…,"kind":…,"agent":…,…payload}` — one JSON object per event.
public enum JSONLinesFormat: TraceLineFormat {
    public static func line(_ record: TraceRecord) -> String {
        var line = "{\"t\":\(JSONText.number(record.time)),\"seq\":\(record.sequence),\"kind\":\(JSONText.string(record.kind)),\"agent\":"
        line += record.agent.map(String.init) ?? "null"
        for (key, value) in record.payload {
            line += ",\(JSONText.string(key)):\(JSONText.value(value))"
        }
        return line + "}\n"
    }
}

/// `t=3 #17 globalStep agent=- action=2 globalState=4` — the compact human form.
public enum TextLineFormat: TraceLineFormat {
    public static func line(_ record: TraceRecord) -> String {
        var line = "t=\(JSONText.number(record.time)) #\(record.sequence) \(record.kind) agent=\(record.agent.map(String.init) ?? "-")"
        for (key, value) in record.payload {
            if case .string(let text) = value { line += " \(key)=\(text)" } else { line += " \(key)=\(JSONText.value(value))" }
        }
        return line + "\n"
    }
}
