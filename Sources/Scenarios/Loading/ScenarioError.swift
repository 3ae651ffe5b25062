/// Everything that can be wrong with a scenario file or its overrides. Each message is
/// one line naming the file, the line when known, the field path, the bad value and a fix; `sim` prints
/// it and exits 2.
public enum ScenarioError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read; `what` names it for the user (the scenario file, a results file).
    case unreadable(file: String, reason: String, what: String = "scenario file")
    /// The text is not JSON5.
    case syntax(file: String, line: Int?, column: Int?, detail: String)
    /// A field is missing, unknown, of the wrong type or out of range.
    case invalid(ScenarioIssue)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason, let what):
            return "\(ScenarioIssue.clean(file)): cannot read the \(what): \(reason)"
        case .syntax(let file, let line, let column, let detail):
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(ScenarioIssue.clean(file))\(place): not valid JSON5: \(ScenarioIssue.clean(detail))"
        case .invalid(let issue):
            return issue.description
        }
    }

    /// The field path the error concerns, if any.
    public var path: String? {
        if case .invalid(let issue) = self { return issue.path }
        return nil
    }
}

/// One validation problem: where, what was expected, what was found, and how to fix it.
public struct ScenarioIssue: Equatable, Sendable, CustomStringConvertible {
    /// The scenario file (or `--set` for overrides).
    public var file: String
    /// 1-based line of the field, when known.
    public var line: Int?
    /// Dotted field path, e.g. `world.localAgents`.
    public var path: String
    /// What is wrong, e.g. `expected an integer >= 1`.
    public var message: String
    /// The offending value as written, if any.
    public var value: String?
    /// How to fix it.
    public var hint: String?

    public init(file: String, line: Int? = nil, path: String, message: String, value: String? = nil, hint: String? = nil) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
        self.value = value
        self.hint = hint
    }

    /// One line, whatever the input held: keys, values and names taken from a file are cleaned by
    /// ``clean(_:limit:)`` (fuzzing found 600 kB messages from huge keys, and keys with line breaks).
    public var description: String {
        var text = Self.clean(file) + (line.map { ":\($0)" } ?? "") + ": "
        text += (path.isEmpty ? "" : Self.clean(path, limit: 160) + ": ") + Self.clean(message)
        if let value { text += ", got \(Self.clean(value))" }
        if let hint { text += " (\(Self.clean(hint)))" }
        return text
    }

    /// `text` on one line and at most about `limit` characters: control characters are escaped
    /// (`\n`, `\u{1}`) and the middle of an over-long text is replaced by `…`.
    public static func clean(_ text: String, limit: Int = 400) -> String {
        let scalars = text.unicodeScalars
        // Cut before escaping, so a 300 kB key costs no more than a short one.
        guard text.utf8.count > limit, scalars.count > limit else { return escape(scalars[...]) }
        return escape(scalars.prefix(limit * 2 / 3)) + "…" + escape(scalars.suffix(limit / 3))
    }

    private static func escape(_ scalars: Substring.UnicodeScalarView) -> String {
        var out = ""
        for scalar in scalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
