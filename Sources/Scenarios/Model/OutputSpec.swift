import Engine

/// The `outputs` object: which metrics to report and what to trace.
public struct OutputSpec: Sendable, Equatable {
    /// Metrics to report; nil reports every metric the world has.
    public var metrics: [String]?
    /// The trace filter from `outputs.trace` (kinds, agents, from, to).
    public var traceFilter: TraceFilter
    /// `outputs.trace.format`: `jsonl` (default) or `text`.
    public var traceFormat: String

    public init(metrics: [String]? = nil, traceFilter: TraceFilter = TraceFilter(), traceFormat: String = "jsonl") {
        self.metrics = metrics
        self.traceFilter = traceFilter
        self.traceFormat = traceFormat
    }

    /// Reads `outputs`, checking metric and kind names against what the world offers.
    public static func read(_ reader: ObjectReader?, metrics available: [String], kinds: [String]) throws -> OutputSpec {
        guard var reader else { return OutputSpec() }
        var spec = OutputSpec()
        if let value = reader.raw("metrics") {
            spec.metrics = try names(value, path: reader.child("metrics"), allowed: available, what: "metric", context: reader.context)
        }
        if var trace = try reader.object("trace") {
            if let value = trace.raw("kinds") {
                spec.traceFilter.kinds = Set(try names(value, path: trace.child("kinds"), allowed: kinds, what: "event kind", context: trace.context))
            }
            if trace.has("agents") {
                let bounds = try trace.doubles("agents", count: 2, in: 0...Double(Int32.max))
                guard bounds[0] <= bounds[1], bounds.allSatisfy({ $0 == $0.rounded() }) else {
                    throw trace.issue("agents", "expected [first, last] whole numbers with first <= last")
                }
                spec.traceFilter.agents = Int(bounds[0])...Int(bounds[1])
            }
            let from = try trace.double("from", default: -Double.greatestFiniteMagnitude)
            let to = try trace.double("to", default: Double.greatestFiniteMagnitude)
            guard from <= to else { throw trace.issue("to", "must not be before 'from'", value: .number(to)) }
            if trace.has("from") || trace.has("to") { spec.traceFilter.window = from...to }
            spec.traceFormat = try trace.string("format", default: "jsonl", oneOf: ["jsonl", "text"])
            try trace.finish()
        }
        try reader.finish()
        return spec
    }

    private static func names(_ value: JSONValue, path: String, allowed: [String], what: String,
                              context: ConfigContext) throws -> [String] {
        guard case .array(let items) = value else { throw context.issue(path, "expected an array of \(what) names", value: value) }
        return try items.enumerated().map { index, item in
            guard case .string(let name) = item else { throw context.issue("\(path)[\(index)]", "expected a string", value: item) }
            guard allowed.contains(name) else {
                let guess = EditDistance.suggestion(for: name, among: allowed).map { "did you mean '\($0)'? " } ?? ""
                throw context.issue("\(path)[\(index)]", "unknown \(what)", value: item,
                                    hint: guess + "this world has " + allowed.joined(separator: ", "))
            }
            return name
        }
    }
}
