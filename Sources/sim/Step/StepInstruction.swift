import Scenarios

/// One line typed at `sim step`, parsed (a pure function, tested without a session).
enum StepInstruction: Equatable {
    case next(Int)
    case until(Double)
    case `continue`
    case breakOn(String)
    case listBreaks
    case clear(String?)
    case show(Inspection)
    case showMetrics
    case trace(Bool)
    case policy(String?)
    case help
    case quit
    case nothing

    static let words = ["next", "until", "continue", "break", "clear", "show", "trace", "policy", "help", "quit"]

    /// Parses a line; blank lines and `#` comments are ``nothing``.
    /// - Throws: ``StepError`` quoting the word that is wrong.
    static func parse(_ line: String) throws -> StepInstruction {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first, !first.hasPrefix("#") else { return .nothing }
        let rest = Array(words.dropFirst())
        switch first {
        case "next", "n": return .next(try count(rest))
        case "until", "u":
            guard rest.count == 1, let time = Double(rest[0]), time.isFinite else { throw StepError.usage("until T, e.g. until 25") }
            return .until(time)
        case "continue", "c": try none(rest, "continue"); return .continue
        case "break", "b":
            guard rest.count <= 1 else { throw StepError.usage("break KIND") }
            return rest.first.map(StepInstruction.breakOn) ?? .listBreaks
        case "clear":
            guard rest.count <= 1 else { throw StepError.usage("clear [KIND]") }
            return .clear(rest.first)
        case "show", "s": return try show(rest)
        case "trace":
            guard rest.count == 1, ["on", "off"].contains(rest[0]) else { throw StepError.usage("trace on|off") }
            return .trace(rest[0] == "on")
        case "policy", "p":
            guard rest.count <= 1 else { throw StepError.usage("policy [NAME]") }
            return .policy(rest.first)
        case "help", "h", "?": return .help
        case "quit", "q", "exit": try none(rest, "quit"); return .quit
        default:
            let guess = EditDistance.suggestion(for: first, among: Self.words)
            throw StepError.unknown(first, suggestion: guess)
        }
    }

    private static func count(_ rest: [String]) throws -> Int {
        guard rest.count <= 1 else { throw StepError.usage("next [n]") }
        guard let text = rest.first else { return 1 }
        guard let n = Int(text), n >= 1 else { throw StepError.usage("next [n] with n >= 1, got '\(text)'") }
        return n
    }

    private static func none(_ rest: [String], _ word: String) throws {
        guard rest.isEmpty else { throw StepError.usage("\(word) takes no argument, got '\(rest[0])'") }
    }

    private static func show(_ rest: [String]) throws -> StepInstruction {
        switch (rest.first, rest.count) {
        case ("global", 1): return .show(.global)
        case ("meanfield", 1), ("meanField", 1): return .show(.meanField)
        case ("metrics", 1): return .showMetrics
        case ("agent", 2):
            guard let i = Int(rest[1]), i >= 0 else { throw StepError.usage("show agent I with I >= 0, got '\(rest[1])'") }
            return .show(.agent(i))
        default: throw StepError.usage("show agent I | show global | show meanfield | show metrics")
        }
    }
}

/// A mistake in a `sim step` command line.
enum StepError: Error, Equatable, CustomStringConvertible {
    case unknown(String, suggestion: String?)
    case usage(String)
    case invalid(String)

    var description: String {
        switch self {
        case .unknown(let word, let suggestion):
            return "unknown command '\(word)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (type 'help')"
        case .usage(let form): return "usage: " + form
        case .invalid(let message): return message
        }
    }
}
