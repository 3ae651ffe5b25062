/// Where writers put bytes: a file, standard output, or memory. Lets Engine's writers stay ignorant of
/// terminals (only `sim` touches stdout).
public protocol ByteOutput {
    /// Appends bytes.
    mutating func write(_ bytes: some Sequence<UInt8>) throws
    /// Makes everything written so far durable / visible, and closes the output.
    mutating func close() throws
    /// Makes everything written so far durable without closing, and returns how many bytes that is;
    /// nil when the output cannot be resumed from a position (standard output, memory). Checkpoints
    /// record this position so a resumed run can cut what followed and append.
    mutating func checkpoint() throws -> UInt64?
}

extension ByteOutput {
    public mutating func checkpoint() throws -> UInt64? { nil }
}

/// An in-memory output (tests and golden files).
public struct MemoryOutput: ByteOutput, Sendable {
    /// Everything written.
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ bytes: some Sequence<UInt8>) { self.bytes.append(contentsOf: bytes) }
    public mutating func close() {}
    /// The bytes as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
