/// Writes any `Encodable` value into a checkpoint stream, so a world's whole mutable state can be one
/// `Codable` value saved by one call: a field added to the value is saved without anyone remembering to.
///
/// The layout is ``StateWriter``'s: numbers as little-endian bit patterns (doubles round-trip bit for
/// bit), strings and arrays count-prefixed, an optional as a flag byte then its value. Field names are not
/// written; a digest of every field name in encoding order is written at the end instead, and
/// ``StateDecoder`` recomputes it, so a value decoded as a type with other fields is refused as a
/// mismatch instead of misread.
///
/// `[Double]`, `[Int]`, `[UInt64]` and `[UInt8]` take a fast path (one count, then the elements).
/// Dictionaries and sets are refused: their iteration order is not fixed, so equal states would give
/// different bytes.
public enum StateEncoder {
    /// Appends `value` to `writer`.
    /// - Throws: `EncodingError.invalidValue` for a dictionary or set anywhere inside `value`.
    public static func encode(_ value: some Encodable, into writer: inout StateWriter) throws {
        let encoding = StateEncoding(writer: writer)
        try encoding.encodeValue(value)
        encoding.writer.write(encoding.keys.value)
        writer = encoding.writer
    }

    /// The bytes of `value` alone.
    public static func bytes(of value: some Encodable) throws -> [UInt8] {
        var writer = StateWriter()
        try encode(value, into: &writer)
        return writer.bytes
    }
}

extension StateDigest {
    /// The digest of every field of `value` (names and contents), so a configuration's digest covers a
    /// field added later without anyone listing it.
    /// - Throws: `EncodingError.invalidValue` for a dictionary or set inside `value`.
    public static func of(_ value: some Encodable) throws -> UInt64 {
        of(try StateEncoder.bytes(of: value))
    }
}

/// Collections whose iteration order is not fixed; ``StateEncoder`` refuses them.
protocol UnorderedCollection {}
extension Dictionary: UnorderedCollection {}
extension Set: UnorderedCollection {}

/// An optional seen through a type-erased value: ``StateEncoder`` writes its flag byte itself, so
/// optionals nested anywhere (array elements, top-level values) are written alike.
protocol OptionalValue {
    var isNone: Bool { get }
    static var absent: Self { get }
}

extension Optional: OptionalValue {
    var isNone: Bool { self == nil }
    static var absent: Self { nil }
}

/// The shared state of one encoding: the stream and the running digest of field names.
final class StateEncoding: Encoder {
    var writer: StateWriter
    var keys = StateDigest()
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(writer: StateWriter) { self.writer = writer }

    /// Every value goes through here: the fast paths, the refusals and the optional flag. The fast paths
    /// are chosen by the static type, as ``StateDecoder`` chooses them (a dynamic cast would also take
    /// a `[Double?]` without nils for a `[Double]`).
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let v = value as? any OptionalValue, T.self is any OptionalValue.Type {
            writer.write(v.isNone)
            if !v.isNone { try value.encode(to: self) }
        } else if T.self == [Double].self, let v = value as? [Double] {
            writer.write(v)
        } else if T.self == [Int].self, let v = value as? [Int] {
            writer.write(v)
        } else if T.self == [UInt8].self, let v = value as? [UInt8] {
            writer.write(v)
        } else if T.self == [UInt64].self, let v = value as? [UInt64] {
            writer.write(v.count)
            for x in v { writer.write(x) }
        } else if T.self is any UnorderedCollection.Type {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "a checkpoint cannot hold a dictionary or set (its order is not fixed): use an array"))
        } else {
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedStateEncoding<Key>(encoding: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedStateEncoding(encoding: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleStateEncoding(encoding: self) }
}

/// Writes the primitive kinds every container shares.
protocol StatePrimitiveEncoding {
    var encoding: StateEncoding { get }
}

extension StatePrimitiveEncoding {
    func put(_ value: Bool) { encoding.writer.write(value) }
    func put(_ value: String) { encoding.writer.write(value) }
    func put(_ value: Double) { encoding.writer.write(value) }
    func put(_ value: Float) { encoding.writer.write(UInt64(value.bitPattern)) }
    func put(_ value: some FixedWidthInteger) { encoding.writer.write(UInt64(truncatingIfNeeded: value)) }
}

struct KeyedStateEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol, StatePrimitiveEncoding {
    let encoding: StateEncoding
    var codingPath: [any CodingKey] { [] }

    private func named(_ key: Key) { encoding.keys.add(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { named(key); put(true) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { named(key); put(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { named(key); put(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { named(key); try encoding.encodeValue(value) }

    // An absent optional field is a `true` flag; a present one a `false` flag then its value (the
    // protocol's defaults would write nothing for an absent one).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    private func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        named(key)
        put(value == nil)
        if let value { try encoding.encodeValue(value) }
    }

    /// The one place a key's name is written: an enum's synthesized coding opens a nested container
    /// named after its case, and its decoding asks which key is there (``KeyedStateDecoding/allKeys``).
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        named(key)
        put(key.stringValue)
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        named(key)
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoding }
    mutating func superEncoder(forKey key: Key) -> any Encoder { named(key); return encoding }
}

/// Elements follow a count that is patched in place as they are added (an encoder learns the count
/// only at the end).
struct UnkeyedStateEncoding: UnkeyedEncodingContainer, StatePrimitiveEncoding {
    let encoding: StateEncoding
    private let countOffset: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoding: StateEncoding) {
        self.encoding = encoding
        countOffset = encoding.writer.bytes.count
        encoding.writer.write(0)
    }

    private mutating func added() {
        count += 1
        encoding.writer.patch(UInt64(count), at: countOffset)
    }

    /// Optional elements are flagged by ``StateEncoding/encodeValue(_:)``; a bare nil has no reading.
    mutating func encodeNil() throws {
        throw EncodingError.invalidValue(Int?.none as Any, .init(codingPath: [], debugDescription: "encode an optional element instead of a bare nil"))
    }
    mutating func encode(_ value: Bool) throws { put(value); added() }
    mutating func encode(_ value: String) throws { put(value); added() }
    mutating func encode(_ value: Double) throws { put(value); added() }
    mutating func encode(_ value: Float) throws { put(value); added() }
    mutating func encode(_ value: Int) throws { put(value); added() }
    mutating func encode(_ value: Int8) throws { put(value); added() }
    mutating func encode(_ value: Int16) throws { put(value); added() }
    mutating func encode(_ value: Int32) throws { put(value); added() }
    mutating func encode(_ value: Int64) throws { put(value); added() }
    mutating func encode(_ value: UInt) throws { put(value); added() }
    mutating func encode(_ value: UInt8) throws { put(value); added() }
    mutating func encode(_ value: UInt16) throws { put(value); added() }
    mutating func encode(_ value: UInt32) throws { put(value); added() }
    mutating func encode(_ value: UInt64) throws { put(value); added() }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoding.encodeValue(value); added() }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        added()
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        added()
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { added(); return encoding }
}

/// A single value: optionals are flagged by ``StateEncoding/encodeValue(_:)``, so `encodeNil` here
/// (an optional's own encoding of `nil`) adds nothing.
struct SingleStateEncoding: SingleValueEncodingContainer, StatePrimitiveEncoding {
    let encoding: StateEncoding
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { put(value) }
    mutating func encode(_ value: String) throws { put(value) }
    mutating func encode(_ value: Double) throws { put(value) }
    mutating func encode(_ value: Float) throws { put(value) }
    mutating func encode(_ value: Int) throws { put(value) }
    mutating func encode(_ value: Int8) throws { put(value) }
    mutating func encode(_ value: Int16) throws { put(value) }
    mutating func encode(_ value: Int32) throws { put(value) }
    mutating func encode(_ value: Int64) throws { put(value) }
    mutating func encode(_ value: UInt) throws { put(value) }
    mutating func encode(_ value: UInt8) throws { put(value) }
    mutating func encode(_ value: UInt16) throws { put(value) }
    mutating func encode(_ value: UInt32) throws { put(value) }
    mutating func encode(_ value: UInt64) throws { put(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoding.encodeValue(value) }
}
