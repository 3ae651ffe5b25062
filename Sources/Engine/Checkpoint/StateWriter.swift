/// Serializes simulation state for checkpoints: a flat little-endian byte stream of
/// primitives, read back by ``StateReader`` in the same order.
///
/// Ranked goals: (1) doubles round-trip bit for bit (they are written as bit patterns), so a resumed
/// run continues from exactly the same numbers; (2) a damaged or foreign stream is an error, never a
/// trap — every length is checked against the bytes left before anything is allocated; (3) simple
/// enough that a model's save and restore read as two mirrored lists of fields.
public struct StateWriter: Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    public mutating func write(_ value: Double) { write(value.bitPattern) }
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    public mutating func write(_ values: [UInt8]) {
        write(values.count)
        bytes.append(contentsOf: values)
    }

    public mutating func write(_ values: [Double]) {
        write(values.count)
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for v in values { write(v) }
    }

    public mutating func write(_ values: [Int]) {
        write(values.count)
        for v in values { write(v) }
    }

    public mutating func write(_ rows: [[Double]]) {
        write(rows.count)
        for row in rows { write(row) }
    }

    /// Overwrites the 8 bytes at `offset` (a count written before its elements were known).
    mutating func patch(_ value: UInt64, at offset: Int) {
        for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    /// A section marker: restore checks it, so fields read out of step fail at the next section with
    /// its name instead of silently misreading.
    public mutating func section(_ name: String) { write("§" + name) }

    /// A state value's fields.
    public mutating func write(_ value: some CheckpointableState) { value.save(into: &self) }
}

/// Reads what a ``StateWriter`` wrote. Every read throws ``CheckpointError`` on truncation or
/// implausible lengths instead of trapping.
public struct StateReader: Sendable {
    private let bytes: [UInt8]
    /// The read position.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - offset }

    public mutating func readUInt64() throws -> UInt64 {
        guard remaining >= 8 else { throw CheckpointError.corrupt("ends inside a number at byte \(offset)") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return v
    }

    public mutating func readInt() throws -> Int {
        let v = Int64(bitPattern: try readUInt64())
        guard let int = Int(exactly: v) else { throw CheckpointError.corrupt("integer out of range at byte \(offset)") }
        return int
    }

    public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    public mutating func readBool() throws -> Bool {
        guard remaining >= 1 else { throw CheckpointError.corrupt("ends inside a flag at byte \(offset)") }
        defer { offset += 1 }
        switch bytes[offset] {
        case 0: return false
        case 1: return true
        default: throw CheckpointError.corrupt("a flag byte is \(bytes[offset]) at byte \(offset)")
        }
    }

    /// A length prefix, checked against what is left (each element takes at least `elementSize` bytes).
    public mutating func readCount(elementSize: Int) throws -> Int {
        let count = try readInt()
        guard count >= 0, count <= remaining / max(elementSize, 1) else {
            throw CheckpointError.corrupt("a length of \(count) at byte \(offset - 8) exceeds the \(remaining) bytes left")
        }
        return count
    }

    public mutating func readString() throws -> String {
        let count = try readCount(elementSize: 1)
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    public mutating func readBytes() throws -> [UInt8] {
        let count = try readCount(elementSize: 1)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    public mutating func readDoubles() throws -> [Double] {
        let count = try readCount(elementSize: 8)
        var values = [Double]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readDouble()) }
        return values
    }

    public mutating func readInts() throws -> [Int] {
        let count = try readCount(elementSize: 8)
        var values = [Int]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readInt()) }
        return values
    }

    public mutating func readRows() throws -> [[Double]] {
        let count = try readCount(elementSize: 8)
        var rows = [[Double]]()
        rows.reserveCapacity(count)
        for _ in 0..<count { rows.append(try readDoubles()) }
        return rows
    }

    /// Checks a ``StateWriter/section(_:)`` marker.
    public mutating func section(_ name: String) throws {
        let found = try readString()
        guard found == "§" + name else {
            throw CheckpointError.mismatch("expected section '\(name)' at byte \(offset), found '\(found.prefix(40))'")
        }
    }

    /// Restores `value` from the stream.
    public mutating func read<T: CheckpointableState>(into value: inout T) throws { try value.restore(from: &self) }
}
