/// The count vectors of k agents over L local states — vectors `c` in N^L with `Σ c = k` — with a
/// bijective rank/unrank in the combinatorial number system, so tables over (s_g, counts) are dense
/// arrays (the module README, "Tabular mean-field game": there are C(k+L-1, L-1) of them).
///
/// Order: the combinatorial number system over the bar positions of the "stars and bars" encoding;
/// rank 0 is `(0, …, 0, k)`.
public struct CountVectorSpace: Sendable, Equatable {
    /// k, the number of sampled agents.
    public let k: Int
    /// L, the number of local states.
    public let states: Int
    /// C(k+L-1, L-1).
    public let count: Int
    /// binomial[n][r] for n ≤ k+L-1.
    private let binomial: [[Int]]

    /// - Precondition: `k >= 0`, `states >= 1`, and C(k+L-1, L-1) fits in an `Int` (callers check the
    ///   table size against memory first).
    public init(k: Int, states: Int) {
        precondition(k >= 0 && states >= 1, "count vectors need k >= 0 and L >= 1")
        self.k = k
        self.states = states
        let top = k + states - 1
        var table = [[Int]](repeating: [], count: top + 1)
        for n in 0...top {
            table[n] = [Int](repeating: 0, count: n + 1)
            table[n][0] = 1
            table[n][n] = 1
            if n >= 2 { for r in 1..<n { table[n][r] = table[n - 1][r - 1] &+ table[n - 1][r] } }
        }
        binomial = table
        count = table[top][states - 1]
    }

    /// C(k+L-1, L-1), the number of count vectors, or nil when it does not fit in an `Int`: check this
    /// before building a space from user input.
    /// - Complexity: O(L).
    public static func size(k: Int, states: Int) -> Int? {
        guard k >= 0, states >= 1 else { return nil }
        // C(k+j, j) = C(k+j-1, j-1)·(k+j)/j, exact at every step.
        var c = 1
        for j in stride(from: 1, to: states, by: 1) {
            let (product, overflow) = c.multipliedReportingOverflow(by: k + j)
            guard !overflow else { return nil }
            c = product / j
        }
        return c
    }

    /// C(n, r), 0 when r is out of range.
    public func choose(_ n: Int, _ r: Int) -> Int {
        guard n >= 0, r >= 0, r <= n, n < binomial.count else { return 0 }
        return binomial[n][r]
    }

    /// The rank of `counts` in 0..<count.
    /// - Precondition: `counts.count == states` and the entries are non-negative and sum to k.
    /// - Complexity: O(L).
    public func rank<C: Collection>(_ counts: C) -> Int where C.Element == Int {
        // Bar j (j = 1…L-1) sits at position p_j = (c_0 + … + c_{j-1}) + (j - 1) among k + L - 1 slots;
        // the rank is Σ_j C(p_j, j) (combinatorial number system over the increasing bar positions).
        var result = 0, prefix = 0, j = 0
        for c in counts {
            if j > 0 { result += choose(prefix + j - 1, j) }
            prefix += c
            j += 1
        }
        return result
    }

    /// The count vector of a rank, written into `counts` (resized to L).
    /// - Precondition: `0 <= rank < count`.
    /// - Complexity: O(L + k).
    public func unrank(_ rank: Int, into counts: inout [Int]) {
        precondition(rank >= 0 && rank < count, "rank \(rank) outside 0..<\(count)")
        if counts.count != states { counts = [Int](repeating: 0, count: states) }
        var remaining = rank
        var positions = [Int](repeating: 0, count: states + 1)
        positions[states] = k + states - 1
        var j = states - 1
        while j >= 1 {
            var p = j - 1
            while choose(p + 1, j) <= remaining { p += 1 }
            positions[j] = p
            remaining -= choose(p, j)
            j -= 1
        }
        // positions[j] = bar j's slot; counts follow from the gaps between bars.
        var previous = -1
        for s in 0..<states {
            let bar = s + 1 <= states - 1 ? positions[s + 1] : k + states - 1
            counts[s] = bar - previous - 1
            previous = bar
        }
    }

    /// The count vector of a rank as a new array.
    public func unrank(_ rank: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: states)
        unrank(rank, into: &counts)
        return counts
    }
}
