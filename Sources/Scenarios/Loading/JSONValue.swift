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
    ///
    /// The text is checked by ``JSON5Outline`` first (syntax, trailing text, nesting depth) and then
    /// decoded as the only element of an array: Foundation's JSON5 scanner reads past the end of a
    /// document that is a bare number and can trap (found by fuzzing — `9007199254740993` alone
    /// crashed some runs, and every `--set path=5` decodes a bare number; fixed upstream in
    /// swift-foundation PR 1625, not in every toolchain). Inside `[ … ]` a number is always followed by
    /// a byte of the buffer. Decoding errors keep the document's own coding paths.
    public static func decode(json5 data: Data) throws -> JSONValue {
        var body = data
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(data: body, encoding: .utf8) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "not UTF-8 text"))
        }
        _ = try JSON5Outline.scan(text)
        return try decode(scannedJSON5: body)
    }

    /// ``decode(json5:)`` for text ``JSON5Outline`` has accepted (UTF-8, no byte-order mark).
    static func decode(scannedJSON5 body: Data) throws -> JSONValue {
        var wrapped = Data("[".utf8)
        wrapped.append(body)
        wrapped.append(Data("\n]".utf8))
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let list: JSONValue
        do {
            list = try decoder.decode(JSONValue.self, from: wrapped)
        } catch let error as DecodingError {
            throw error.droppingFirstCodingKey
        }
        guard case .array(let items) = list, items.count == 1 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "not a single JSON5 value"))
        }
        return items[0]
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

private extension DecodingError {
    /// The same error with the wrapping array's index removed from its coding path.
    var droppingFirstCodingKey: DecodingError {
        func strip(_ c: Context) -> Context {
            Context(codingPath: Array(c.codingPath.dropFirst()), debugDescription: c.debugDescription, underlyingError: c.underlyingError)
        }
        switch self {
        case .typeMismatch(let type, let c): return .typeMismatch(type, strip(c))
        case .valueNotFound(let type, let c): return .valueNotFound(type, strip(c))
        case .keyNotFound(let key, let c): return .keyNotFound(key, strip(c))
        case .dataCorrupted(let c): return .dataCorrupted(strip(c))
        @unknown default: return self
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
