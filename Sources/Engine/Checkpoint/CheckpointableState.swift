/// State that a checkpoint saves and a resumed run restores.
///
/// The contract: a resumed run rebuilds everything that is fixed for a run (tables, policies, data,
/// random-stream keys) from the scenario exactly as the first run did, then `restore` overwrites what
/// changes while it runs. So a conformer saves only its mutable fields — and *all* of them: the run must
/// continue bit-identically. Scratch buffers whose content never influences a result (a sampler's hash
/// table) need not be saved.
///
/// World models opt in by conforming (see `TabularWorld` and `TimeSeriesWorld`); a model that does not is
/// refused with a clear error when `--checkpoint` is asked for.
///
/// `restore` must validate every value it reads — lengths against the run's sizes, indices against
/// their ranges, counts against what they count, finiteness where a number must be finite — and throw
/// ``CheckpointError/corrupt(_:)`` rather than store a value the model could trap on or could not have
/// produced. The file's keyed hash refuses accidental edits; these checks refuse the rest.
public protocol CheckpointableState {
    /// Appends the mutable state.
    func save(into writer: inout StateWriter)
    /// Replaces the mutable state with what `save` wrote.
    /// - Throws: ``CheckpointError`` when the stream is damaged or was written for a different setup.
    mutating func restore(from reader: inout StateReader) throws
    /// Why this particular run cannot be checkpointed although its world can (a policy whose state
    /// lives in another process), nil when it can.
    var checkpointRefusal: String? { get }
    /// The event kinds a model schedules itself besides the built-in kinds and the scenario's
    /// schedules: a restored queue holding any other kind is refused.
    var scheduledKinds: [EventKind] { get }
}

extension CheckpointableState {
    public var checkpointRefusal: String? { nil }
    public var scheduledKinds: [EventKind] { [] }
}

/// Why a checkpoint cannot be used. `sim` reports these with exit status 2.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The bytes are damaged or truncated.
    case corrupt(String)
    /// The checkpoint belongs to a different scenario, world, seed or format.
    case mismatch(String)
    /// The world model cannot be checkpointed.
    case unsupported(String)

    public var description: String {
        switch self {
        case .corrupt(let detail): return "the checkpoint is damaged: \(detail)"
        case .mismatch(let detail): return "the checkpoint does not match: \(detail)"
        case .unsupported(let detail): return detail
        }
    }
}

/// A 64-bit digest (chained ``mix64``) of values that must agree between a checkpoint and the run
/// that resumes it: table contents, data, configuration. Not cryptographic; it catches accidents
/// (an edited tables file, another seed), not adversaries.
public struct StateDigest: Sendable, Equatable {
    public private(set) var value: UInt64 = 0x6D65_616E_6669_656C

    public init() {}

    public mutating func add(_ x: UInt64) { value = mix64(value ^ x) &+ golden64 }
    public mutating func add(_ x: Int) { add(UInt64(bitPattern: Int64(x))) }
    public mutating func add(_ x: Double) { add(x.bitPattern) }
    public mutating func add(_ xs: [Double]) { add(xs.count); for x in xs { add(x) } }
    public mutating func add(_ s: String) { add(s.utf8.count); for b in s.utf8 { add(UInt64(b)) } }

    /// The digest of a byte string.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var d = StateDigest()
        d.add(bytes.count)
        var word: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            word = word << 8 | UInt64(b)
            if i % 8 == 7 { d.add(word); word = 0 }
        }
        d.add(word)
        return d.value
    }
}
