/// Everything that can be wrong with a scenario file or its overrides (STYLE.md 13). Each message is
/// one line naming the file, the line when known, the field path, the bad value and a fix; `sim` prints
/// it and exits 2.
public enum ScenarioError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The text is not JSON5.
    case syntax(file: String, line: Int?, column: Int?, detail: String)
    /// A field is missing, unknown, of the wrong type or out of range.
    case invalid(ScenarioIssue)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the scenario file: \(reason)"
        case .syntax(let file, let line, let column, let detail):
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(place): not valid JSON5: \(detail)"
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

    public var description: String {
        var text = file + (line.map { ":\($0)" } ?? "") + ": " + (path.isEmpty ? "" : path + ": ") + message
        if let value { text += ", got \(value)" }
        if let hint { text += " (\(hint))" }
        return text
    }
}
