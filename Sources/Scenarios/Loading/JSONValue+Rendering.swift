import Engine

extension JSONValue {
    /// Deterministic JSON text: members in their stored order, numbers by ``JSONText/number(_:)``
    /// (non-finite numbers become `null`). `indent` > 0 pretty-prints.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        render(into: &out, indent: indent, level: 0)
        return out
    }

    private func render(into out: inout String, indent: Int, level: Int) {
        let pad = indent > 0 ? "\n" + String(repeating: " ", count: indent * (level + 1)) : ""
        let close = indent > 0 ? "\n" + String(repeating: " ", count: indent * level) : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += JSONText.number(d)
        case .string(let s): out += JSONText.string(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let scalars = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += scalars ? ", " : "," }
                if !scalars { out += pad }
                item.render(into: &out, indent: indent, level: level + 1)
            }
            out += scalars ? "]" : close + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                out += pad + JSONText.string(member.key) + (indent > 0 ? ": " : ":")
                member.value.render(into: &out, indent: indent, level: level + 1)
            }
            out += close + "}"
        }
    }

    /// An object from ordered pairs.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member(key: $0.key, value: $0.value) })
    }
}
