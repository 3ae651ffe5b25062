/// A value in a trace payload. Kept to JSON's shapes so every sink can render it.
public enum TraceValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case ints([Int])
    case doubles([Double])
    case null
}
