import Engine

/// Reads one JSON object of a scenario with field paths: every accessor validates type and range and
/// throws a ``ScenarioError`` naming the file, line, path, value and a fix; ``finish()`` rejects keys
/// nobody asked for, with a did-you-mean among the keys that were asked for.
public struct ObjectReader {
    /// Dotted path of this object ("" for the root).
    public let path: String
    /// File and lines.
    public let context: ConfigContext
    /// Members in source order.
    public let members: [JSONValue.Member]
    private var asked: [String] = []

    /// - Throws: when `value` is not an object.
    public init(_ value: JSONValue, path: String, context: ConfigContext) throws {
        guard case .object(let members) = value else {
            throw context.issue(path, "expected an object", value: value, hint: "write { key: value, … }")
        }
        self.path = path
        self.context = context
        self.members = members
    }

    /// The path of a member.
    public func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Whether the member is present.
    public func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// The member's raw value (marking it as known).
    public mutating func raw(_ key: String) -> JSONValue? {
        if !asked.contains(key) { asked.append(key) }
        return members.first { $0.key == key }?.value
    }

    /// An error about member `key`.
    public func issue(_ key: String, _ message: String, value: JSONValue? = nil, hint: String? = nil) -> ScenarioError {
        context.issue(child(key), message, value: value, hint: hint)
    }

    /// The range of rewards, costs, levels and scales: sums of 10^9 steps of them stay finite, so a run
    /// never turns them into infinities or NaN (values such as 1e308 are refused while validating).
    public static let moderate: ClosedRange<Double> = -1e12...1e12

    /// A required or defaulted integer within `range`.
    public mutating func int(_ key: String, default fallback: Int? = nil, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let value = raw(key) else { return try missing(key, fallback) }
        return try Self.integer(value, path: child(key), range: range, context: context)
    }

    /// A required or defaulted finite number within `range`.
    public mutating func double(_ key: String, default fallback: Double? = nil,
                                in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws -> Double {
        guard let value = raw(key) else { return try missing(key, fallback) }
        return try Self.number(value, path: child(key), range: range, context: context)
    }

    /// A required or defaulted boolean.
    public mutating func bool(_ key: String, default fallback: Bool? = nil) throws -> Bool {
        guard let value = raw(key) else { return try missing(key, fallback) }
        guard case .bool(let b) = value else { throw issue(key, "expected true or false", value: value) }
        return b
    }

    /// A required or defaulted string, optionally one of `choices` (with a did-you-mean).
    public mutating func string(_ key: String, default fallback: String? = nil, oneOf choices: [String]? = nil) throws -> String {
        guard let value = raw(key) else { return try missing(key, fallback) }
        guard case .string(let s) = value else { throw issue(key, "expected a string", value: value) }
        if let choices, !choices.contains(s) {
            let guess = EditDistance.suggestion(for: s, among: choices).map { "did you mean '\($0)'? " } ?? ""
            throw issue(key, "unknown value", value: value, hint: guess + "expected one of " + choices.joined(separator: ", "))
        }
        return s
    }

    /// An optional nested object.
    public mutating func object(_ key: String) throws -> ObjectReader? {
        guard let value = raw(key) else { return nil }
        return try ObjectReader(value, path: child(key), context: context)
    }

    /// A list of finite numbers in `range`, optionally of an exact length.
    public mutating func doubles(_ key: String, default fallback: [Double]? = nil, count: Int? = nil,
                                 in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws -> [Double] {
        guard let value = raw(key) else { return try missing(key, fallback) }
        guard case .array(let items) = value else { throw issue(key, "expected an array of numbers", value: value) }
        if let count, items.count != count {
            throw issue(key, "expected \(count) numbers", value: value)
        }
        return try items.enumerated().map { try Self.number($1, path: "\(child(key))[\($0)]", range: range, context: context) }
    }

    /// Rejects members that no accessor asked for, suggesting the closest known key.
    public func finish(alsoAllowed extra: [String] = []) throws {
        let known = asked + extra
        for member in members where !known.contains(member.key) {
            let guess = EditDistance.suggestion(for: member.key, among: known).map { "did you mean '\($0)'?" }
            let list = "known keys: " + known.joined(separator: ", ")
            throw context.issue(child(member.key), "unknown key", hint: guess.map { $0 + " " + list } ?? list)
        }
    }

    private func missing<T>(_ key: String, _ fallback: T?) throws -> T {
        guard let fallback else { throw issue(key, "missing required field", hint: "add '\(key): …' to '\(path.isEmpty ? "the top level" : path)'") }
        return fallback
    }

    /// Validates an integer value at `path`.
    public static func integer(_ value: JSONValue, path: String, range: ClosedRange<Int>, context: ConfigContext) throws -> Int {
        guard case .number(let d) = value, d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else {
            throw context.issue(path, "expected an integer\(describe(range))", value: value)
        }
        guard range.contains(Int(d)) else { throw context.issue(path, "expected an integer\(describe(range))", value: value) }
        return Int(d)
    }

    /// Validates a finite number at `path`.
    public static func number(_ value: JSONValue, path: String, range: ClosedRange<Double>, context: ConfigContext) throws -> Double {
        guard case .number(let d) = value, d.isFinite else {
            throw context.issue(path, "expected a finite number\(describe(range))", value: value)
        }
        guard range.contains(d) else { throw context.issue(path, "expected a number\(describe(range))", value: value) }
        return d
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound == Int.min, range.upperBound == Int.max) {
        case (true, true): return ""
        case (false, true): return " >= \(range.lowerBound)"
        case (true, false): return " <= \(range.upperBound)"
        case (false, false): return " in \(range.lowerBound)...\(range.upperBound)"
        }
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        let big = Double.greatestFiniteMagnitude
        switch (range.lowerBound == -big, range.upperBound == big) {
        case (true, true): return ""
        case (false, true): return " >= \(JSONText.number(range.lowerBound))"
        case (true, false): return " <= \(JSONText.number(range.upperBound))"
        case (false, false): return " in \(JSONText.number(range.lowerBound))...\(JSONText.number(range.upperBound))"
        }
    }
}
