import Engine
import Foundation

/// A JSON5 document as a tree the fuzzer can edit and print back (deleted and duplicated
/// keys, type swaps, huge numbers, NaN, deep nesting, long strings).
///
/// Object members keep a list, not a dictionary, so a mutant may hold a key twice. `raw` prints its
/// text verbatim: literals such as `NaN`, `1e999` or `0x7FFFFFFFFFFFFFFF` that no `Double` prints as.
/// Keys are sorted after decoding (Foundation does not keep key order) so mutants are reproducible.
public indirect enum FuzzTree: Equatable, Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FuzzTree])
    case object([Member])
    case raw(String)

    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: FuzzTree
        public init(_ key: String, _ value: FuzzTree) {
            self.key = key
            self.value = value
        }
    }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() { self = .null; return }
            if let b = try? single.decode(Bool.self) { self = .bool(b); return }
            if let d = try? single.decode(Double.self) { self = .number(d); return }
            if let s = try? single.decode(String.self) { self = .string(s); return }
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [FuzzTree] = []
            while !list.isAtEnd { items.append(try list.decode(FuzzTree.self)) }
            self = .array(items)
            return
        }
        let keyed = try decoder.container(keyedBy: Key.self)
        let keys = keyed.allKeys.map(\.stringValue).sorted()
        self = .object(try keys.map { Member($0, try keyed.decode(FuzzTree.self, forKey: Key(stringValue: $0))) })
    }

    /// Decodes JSON5 text.
    public static func parse(_ text: String) throws -> FuzzTree {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try decoder.decode(FuzzTree.self, from: Data(text.utf8))
    }

    /// JSON5 text (quoted keys, one member per line so line numbers mean something).
    public var text: String {
        var out = ""
        print(into: &out, level: 0)
        return out
    }

    private func print(into out: inout String, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += Self.literal(d)
        case .string(let s): out += Self.quoted(s)
        case .raw(let text): out += text
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.print(into: &out, level: level + 1)
            }
            out += "]"
        case .object(let members):
            out += "{\n"
            let pad = String(repeating: "  ", count: min(level + 1, 40))
            for member in members {
                out += pad + Self.quoted(member.key) + ": "
                member.value.print(into: &out, level: level + 1)
                out += ",\n"
            }
            out += String(repeating: "  ", count: min(level, 40)) + "}"
        }
    }

    /// A number as JSON5 source text (non-finite values as JSON5's literals).
    public static func literal(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// A double-quoted JSON string literal (the writers' own escaping, so the fuzzer writes what they write).
    public static func quoted(_ s: String) -> String { JSONText.string(s) }

    // MARK: Paths

    /// Every node's path (child indexes from the root), the root first, in a fixed order.
    public var allPaths: [[Int]] {
        var paths: [[Int]] = [[]]
        switch self {
        case .array(let items):
            for (i, item) in items.enumerated() { paths += item.allPaths.map { [i] + $0 } }
        case .object(let members):
            for (i, member) in members.enumerated() { paths += member.value.allPaths.map { [i] + $0 } }
        default: break
        }
        return paths
    }

    /// The node at `path`.
    public subscript(path: ArraySlice<Int>) -> FuzzTree {
        get {
            guard let first = path.first else { return self }
            switch self {
            case .array(let items): return items[first][path.dropFirst()]
            case .object(let members): return members[first].value[path.dropFirst()]
            default: preconditionFailure("path runs through a scalar")
            }
        }
        set {
            guard let first = path.first else { self = newValue; return }
            switch self {
            case .array(var items):
                items[first][path.dropFirst()] = newValue
                self = .array(items)
            case .object(var members):
                members[first].value[path.dropFirst()] = newValue
                self = .object(members)
            default: preconditionFailure("path runs through a scalar")
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
