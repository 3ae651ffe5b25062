import Foundation
import Engine

/// One `--set path=v1,v2,…` axis of a sweep: a scenario field and the values it takes, in order.
public struct SweepAxis: Sendable, Equatable {
    /// The dotted field path, e.g. `observation.k`.
    public let path: String
    /// The values, each read like a `--set` value (JSON5 when it parses, else a string).
    public let values: [JSONValue]

    public init(path: String, values: [JSONValue]) {
        self.path = path
        self.values = values
    }

    /// Parses `path=v1,v2,…`. Commas inside brackets, braces or quotes do not split, so
    /// `--set world.mu0=[0.5,0.5],[0.2,0.8]` is an axis of two arrays.
    /// - Throws: ``ScenarioError`` naming `--set` when there is no `=`, an empty value, or a repeated value.
    public static func parse(_ text: String) throws -> SweepAxis {
        let whole = try Override.parse(text)
        let raw = String(text[text.index(after: text.firstIndex(of: "=")!)...])
        let pieces = topLevelPieces(raw)
        if pieces.contains(where: \.isEmpty) {
            throw ScenarioError.invalid(ScenarioIssue(file: "--set", path: whole.path, message: "empty value in the list",
                                                      value: JSONText.string(raw), hint: "write e.g. --set \(whole.path)=1,2,5"))
        }
        let values = pieces.map(Override.parseValue)
        for (i, value) in values.enumerated() where values[..<i].contains(value) {
            throw ScenarioError.invalid(ScenarioIssue(file: "--set", path: whole.path, message: "value listed twice",
                                                      value: pieces[i], hint: "list each value once"))
        }
        return SweepAxis(path: whole.path, values: values)
    }

    /// Splits at commas outside brackets, braces and string quotes.
    static func topLevelPieces(_ text: String) -> [String] {
        var pieces: [String] = [], current = "", depth = 0
        var quote: Character?, escaped = false
        for c in text {
            if let q = quote {
                current.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c; current.append(c)
            case "[", "{": depth += 1; current.append(c)
            case "]", "}": depth -= 1; current.append(c)
            case "," where depth == 0: pieces.append(current); current = ""
            default: current.append(c)
            }
        }
        pieces.append(current)
        return pieces.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
