import Engine
import Foundation

/// A decoded JSON5 value with object members in source order.
///
/// Values are decoded by Foundation's `JSONDecoder` with `allowsJSON5` (the project's fixed decision);
/// the decoder does not keep key order, so ``ScenarioSource`` restores it from ``JSON5Outline``.
public indirect enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One object member.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
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
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let keyed = try decoder.container(keyedBy: AnyKey.self)
        let keys = keyed.allKeys.sorted { $0.stringValue < $1.stringValue }
        self = .object(try keys.map { Member(key: $0.stringValue, value: try keyed.decode(JSONValue.self, forKey: $0)) })
    }

    /// Decodes JSON5 text with Foundation's decoder.
    public static func decode(json5 data: Data) throws -> JSONValue {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try decoder.decode(JSONValue.self, from: data)
    }

    /// The member `key` of an object, nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short rendering for error messages: scalars in full, containers abbreviated.
    public var brief: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : JSONText.number(d)
        case .string(let s): return s.count > 60 ? JSONText.string(String(s.prefix(57)) + "...") : JSONText.string(s)
        case .array(let items): return "an array of \(items.count)"
        case .object: return "an object"
        }
    }

    /// The type name used in messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
