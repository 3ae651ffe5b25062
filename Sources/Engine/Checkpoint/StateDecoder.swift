/// Reads back what ``StateEncoder`` wrote, as a value of the same `Decodable` type.
///
/// A damaged or foreign stream is an error, never a trap: every count is checked against the bytes left
/// before anything is allocated (``StateReader``), and the digest of the field names read is compared with
/// the one the encoder wrote, so a state written by a type with other fields is refused as a mismatch.
/// The decoded value's *contents* are the caller's to validate (lengths against the run's sizes, indices
/// against their ranges, finiteness): decoding only guarantees the value has the declared shape.
public enum StateDecoder {
    /// Reads one value of type `type` from `reader`.
    /// - Throws: ``CheckpointError/corrupt(_:)`` for a damaged stream, ``CheckpointError/mismatch(_:)``
    ///   when the stream holds a value with other fields.
    public static func decode<T: Decodable>(_ type: T.Type, from reader: inout StateReader) throws -> T {
        let decoding = StateDecoding(reader: reader)
        let value: T
        do {
            value = try decoding.decodeValue(type)
        } catch let error as DecodingError {
            throw CheckpointError.corrupt("the state does not decode: \(error)")
        }
        guard try decoding.reader.readUInt64() == decoding.keys.value else {
            throw CheckpointError.mismatch("the checkpointed state has other fields than this build's \(T.self)")
        }
        reader = decoding.reader
        return value
    }
}

/// The shared state of one decoding: the stream and the running digest of field names.
final class StateDecoding: Decoder {
    var reader: StateReader
    var keys = StateDigest()
    /// An enum case's name read by ``KeyedStateDecoding/allKeys`` and not yet opened.
    var pendingCase: String?
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(reader: StateReader) { self.reader = reader }

    /// Mirrors ``StateEncoding/encodeValue(_:)``, choosing by the static type.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let optional = T.self as? any OptionalValue.Type {
            if try reader.readBool() { return try cast(optional.absent) }
            return try T(from: self)
        }
        if T.self == [Double].self { return try cast(reader.readDoubles()) }
        if T.self == [Int].self { return try cast(reader.readInts()) }
        if T.self == [UInt8].self { return try cast(reader.readBytes()) }
        if T.self == [UInt64].self {
            let count = try reader.readCount(elementSize: 8)
            var values = [UInt64]()
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try reader.readUInt64()) }
            return try cast(values)
        }
        return try T(from: self)
    }

    private func cast<T>(_ value: Any) throws -> T {
        guard let typed = value as? T else { throw CheckpointError.corrupt("a value is not a \(T.self)") }
        return typed
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedStateDecoding<Key>(decoding: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedStateDecoding(decoding: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleStateDecoding(decoding: self) }
}

/// Reads the primitive kinds every container shares.
protocol StatePrimitiveDecoding {
    var decoding: StateDecoding { get }
}

extension StatePrimitiveDecoding {
    func take(_ type: Bool.Type) throws -> Bool { try decoding.reader.readBool() }
    func take(_ type: String.Type) throws -> String { try decoding.reader.readString() }
    func take(_ type: Double.Type) throws -> Double { try decoding.reader.readDouble() }
    func take(_ type: Float.Type) throws -> Float {
        let bits = try decoding.reader.readUInt64()
        guard let pattern = UInt32(exactly: bits) else { throw CheckpointError.corrupt("a Float's bits are \(bits)") }
        return Float(bitPattern: pattern)
    }

    func take<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let bits = try decoding.reader.readUInt64()
        // Signed values were written sign-extended to 64 bits.
        let value = I.isSigned ? I(exactly: Int64(bitPattern: bits)) : I(exactly: bits)
        guard let value else { throw CheckpointError.corrupt("\(bits) does not fit a \(I.self)") }
        return value
    }
}

struct KeyedStateDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol, StatePrimitiveDecoding {
    let decoding: StateDecoding
    var codingPath: [any CodingKey] { [] }
    /// Fields are read in the order they were written, so no key is looked up; only an enum's decoding
    /// asks which case is there, and the case's name is the next string in the stream (read once, then
    /// checked by ``nestedContainer(keyedBy:forKey:)``).
    var allKeys: [Key] {
        if decoding.pendingCase == nil { decoding.pendingCase = try? take(String.self) }
        return decoding.pendingCase.flatMap { Key(stringValue: $0) }.map { [$0] } ?? []
    }

    func contains(_ key: Key) -> Bool { true }

    private func named(_ key: Key) { decoding.keys.add(key.stringValue) }

    /// The flag of an optional field (see ``KeyedStateEncoding``): true when it is absent.
    func decodeNil(forKey key: Key) throws -> Bool { named(key); return try take(Bool.self) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { named(key); return try take(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { named(key); return try take(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { named(key); return try take(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { named(key); return try take(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { named(key); return try take(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { named(key); return try take(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { named(key); return try take(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { named(key); return try take(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { named(key); return try take(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { named(key); return try take(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { named(key); return try take(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { named(key); return try take(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { named(key); return try take(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { named(key); return try take(type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        named(key)
        return try decoding.decodeValue(type)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key) { try take(type) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key) { try take(type) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key) { try decoding.decodeValue(type) }
    }

    private func present<T>(_ key: Key, _ read: () throws -> T) throws -> T? {
        named(key)
        return try take(Bool.self) ? nil : read()
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        named(key)
        let name = try decoding.pendingCase ?? take(String.self)
        decoding.pendingCase = nil
        guard name == key.stringValue else { throw CheckpointError.mismatch("expected '\(key.stringValue)', found '\(name.prefix(40))'") }
        return try decoding.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        named(key)
        return try decoding.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoding }
    func superDecoder(forKey key: Key) throws -> any Decoder { named(key); return decoding }
}

/// Elements after their count; the count was checked against the bytes left (each element takes at
/// least one byte).
struct UnkeyedStateDecoding: UnkeyedDecodingContainer, StatePrimitiveDecoding {
    let decoding: StateDecoding
    private let elements: Int
    var count: Int? { elements }
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= elements }

    init(decoding: StateDecoding) throws {
        self.decoding = decoding
        elements = try decoding.reader.readCount(elementSize: 1)
    }

    private mutating func advance() throws {
        guard !isAtEnd else { throw CheckpointError.corrupt("a list holds fewer elements than read") }
        currentIndex += 1
    }

    /// Optional elements are flagged by ``StateDecoding/decodeValue(_:)`` instead.
    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try advance(); return try take(type) }
    mutating func decode(_ type: String.Type) throws -> String { try advance(); return try take(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try advance(); return try take(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try advance(); return try take(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try advance(); return try take(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try advance(); return try take(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try advance(); return try take(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try advance(); return try take(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try advance(); return try take(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try advance(); return try take(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try advance(); return try take(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try advance(); return try take(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try advance(); return try take(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try advance(); return try take(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try advance(); return try decoding.decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try advance(); return try decoding.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try advance(); return try decoding.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try advance(); return decoding }
}

/// A single value; an optional's flag was read by ``StateDecoding/decodeValue(_:)``, so `decodeNil`
/// here (asked by the optional's own decoding) is false: the value follows.
struct SingleStateDecoding: SingleValueDecodingContainer, StatePrimitiveDecoding {
    let decoding: StateDecoding
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try take(type) }
    func decode(_ type: String.Type) throws -> String { try take(type) }
    func decode(_ type: Double.Type) throws -> Double { try take(type) }
    func decode(_ type: Float.Type) throws -> Float { try take(type) }
    func decode(_ type: Int.Type) throws -> Int { try take(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try take(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try take(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try take(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try take(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try take(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try take(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try take(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try take(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try take(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoding.decodeValue(type) }
}
