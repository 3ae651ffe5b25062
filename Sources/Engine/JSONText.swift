/// Deterministic JSON text for numbers and strings, shared by every writer so that outputs are
/// byte-identical for equal values.
public enum JSONText {
    /// A number as JSON: integers print without a fraction, other finite values by Swift's shortest
    /// round-trip representation; NaN and infinities (not JSON) print as `null`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A string literal with JSON escapes.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A trace value as JSON.
    public static func value(_ value: TraceValue) -> String {
        switch value {
        case .int(let v): return String(v)
        case .double(let v): return number(v)
        case .string(let v): return string(v)
        case .bool(let v): return v ? "true" : "false"
        case .ints(let v): return "[" + v.map(String.init).joined(separator: ",") + "]"
        case .doubles(let v): return "[" + v.map(number).joined(separator: ",") + "]"
        case .null: return "null"
        }
    }
}
