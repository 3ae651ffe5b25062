/// Uniform k-of-n sampling without replacement in O(k) expected time (Floyd's algorithm with a reusable
/// open-addressing set). Sources/Engine/README.md, k-of-n subsampling.
///
/// The sampler owns its scratch buffers so repeated draws allocate nothing.
public struct SubsampleSampler: Sendable {
    /// The population size n.
    public let populationSize: Int
    /// The sample size k.
    public let sampleSize: Int
    /// The last sample, in draw order (not sorted).
    public private(set) var sample: [Int]
    private var table: [Int]
    private let mask: Int

    /// - Precondition: `1 <= k <= n`.
    public init(k: Int, n: Int) {
        precondition(k >= 1 && k <= n, "k-of-n subsampling needs 1 <= k <= n, got k = \(k), n = \(n)")
        populationSize = n
        sampleSize = k
        sample = []
        sample.reserveCapacity(k)
        var capacity = 4
        while capacity < 2 * k { capacity <<= 1 }
        table = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// Draws a fresh sample into ``sample`` using `random`.
    /// - Complexity: O(k) expected.
    public mutating func draw(using random: inout CounterRandom) {
        for slot in sample { clear(slot) }
        sample.removeAll(keepingCapacity: true)
        let n = populationSize
        for j in (n - sampleSize)..<n {
            let t = random.int(below: j + 1)
            let pick = insert(t) ? t : j
            if pick == j { _ = insert(j) }
            sample.append(pick)
        }
    }

    /// Inserts `value`; returns false if it was already present.
    private mutating func insert(_ value: Int) -> Bool {
        var slot = Int(truncatingIfNeeded: mix64(UInt64(value))) & mask
        while table[slot] != -1 {
            if table[slot] == value { return false }
            slot = (slot + 1) & mask
        }
        table[slot] = value
        return true
    }

    private mutating func clear(_ value: Int) {
        // Every inserted value is cleared, so wiping by value leaves no stale probe chains behind.
        var slot = Int(truncatingIfNeeded: mix64(UInt64(value))) & mask
        while table[slot] != value { slot = (slot + 1) & mask }
        table[slot] = -1
    }
}
