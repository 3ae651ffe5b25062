import Engine

/// The last `depth` rounds of one per-client quantity (encodings Z, predictions or mixture weights),
/// each round a flat row of `width` numbers, in one contiguous buffer: round s lives in slot s mod depth.
///
/// The time-series policies look back a bounded number of rounds (the game window T, plus one for
/// Monte-Carlo starts; the greedy window), so a run keeps O(depth · N) numbers instead of O(R · N) —
/// what lets a million clients run in well under a kilobyte each.
public struct RoundRing: Sendable, Equatable, Codable {
    /// Rounds kept.
    public let depth: Int
    /// Numbers per round.
    public let width: Int
    /// The newest round stored, −1 when empty.
    public private(set) var newest = -1
    /// `[slot][width]`.
    var storage: [Double]

    /// - Precondition: `depth >= 1`, `width >= 0`.
    public init(depth: Int, width: Int) {
        precondition(depth >= 1 && width >= 0, "RoundRing: depth \(depth), width \(width)")
        self.depth = depth
        self.width = width
        storage = [Double](repeating: 0, count: depth * width)
    }

    /// Whether round s is still held.
    public func holds(_ s: Int) -> Bool { s >= 0 && s <= newest && s > newest - depth }

    /// Where round s starts in ``storage``.
    func offset(_ s: Int) -> Int { (s % depth) * width }

    /// Round s as an array (for the generic solvers and checkpoints).
    /// - Precondition: ``holds(_:)``.
    public func row(_ s: Int) -> [Double] {
        precondition(holds(s), "RoundRing: round \(s) is not held (newest \(newest), depth \(depth))")
        return Array(storage[offset(s)..<(offset(s) + width)])
    }

    /// Claims the slot of round s = ``newest`` + 1 and returns its offset; the caller fills it.
    mutating func advance() -> Int {
        newest += 1
        return offset(newest)
    }

    /// Appends round ``newest`` + 1.
    /// - Precondition: `row.count == width`.
    public mutating func append(_ row: [Double]) {
        precondition(row.count == width, "RoundRing: row of \(row.count), width \(width)")
        let start = advance()
        for j in 0..<width { storage[start + j] = row[j] }
    }
}
