import Engine
import Foundation

/// A `--set path=value` override, applied to the scenario tree before validation (README.md, "Commands":
/// `--set` overrides any scenario field).
///
/// The value is read as JSON5 when it parses (`3`, `0.5`, `true`, `[1,2]`, `"x"`), else as a bare
/// string, so `--set world.kind=ring-zones` works without quotes.
public struct Override: Sendable, Equatable {
    /// The dotted path, e.g. `world.localAgents` or `policies.amarl.rtol`.
    public let path: String
    /// The value to set.
    public let value: JSONValue

    public init(path: String, value: JSONValue) {
        self.path = path
        self.value = value
    }

    /// Parses `path=value`.
    /// - Throws: ``ScenarioError/invalid(_:)`` naming `--set` when there is no `=` or the path is empty.
    public static func parse(_ text: String) throws -> Override {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--set", path: "", message: "expected path=value",
                                                      value: JSONText.string(text), hint: "e.g. --set world.localAgents=500"))
        }
        let path = String(text[..<eq])
        return Override(path: path, value: parseValue(String(text[text.index(after: eq)...])))
    }

    /// A value as JSON5 if it decodes, else as a string.
    public static func parseValue(_ text: String) -> JSONValue {
        if let decoded = try? JSONValue.decode(json5: Data(text.utf8)) { return decoded }
        return .string(text)
    }

    /// Returns `tree` with the value set at the path, creating missing objects on the way.
    /// - Throws: when the path runs through something that is not an object.
    public func apply(to tree: JSONValue) throws -> JSONValue {
        let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.contains(where: \.isEmpty) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--set", path: path, message: "empty path component",
                                                      hint: "write --set a.b=value"))
        }
        return try set(keys[...], in: tree, prefix: "")
    }

    private func set(_ keys: ArraySlice<String>, in node: JSONValue, prefix: String) throws -> JSONValue {
        guard let key = keys.first else { return value }
        let here = prefix.isEmpty ? key : prefix + "." + key
        var members: [JSONValue.Member]
        switch node {
        case .object(let existing): members = existing
        case .null: members = []
        default:
            throw ScenarioError.invalid(ScenarioIssue(file: "--set", path: path,
                message: "'\(prefix)' is \(node.typeName), not an object", hint: "override '\(prefix)' itself"))
        }
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = try set(keys.dropFirst(), in: members[i].value, prefix: here)
        } else {
            members.append(JSONValue.Member(key: key, value: try set(keys.dropFirst(), in: .null, prefix: here)))
        }
        return .object(members)
    }
}
