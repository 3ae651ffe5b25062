extension CountTransitionTable {
    /// Deterministic mean-field rows (``CountTransitionMethod/rounding``).
    mutating func buildRounding(_ dynamics: InducedLocalDynamics) {
        let l = space.states, keys = globalStates * keysPerGlobal
        var expected = [Double](repeating: 0, count: l)
        var rounded = [Int](repeating: 0, count: l), counts = rounded
        var ranks = [Int](repeating: 0, count: keys * space.count)
        for rank in 0..<space.count {
            space.unrank(rank, into: &counts)
            for key in 0..<keys {
                let sg = key / keysPerGlobal, read = keysPerGlobal == 1 ? sg : key % keysPerGlobal
                for s2 in 0..<l { expected[s2] = 0 }
                for s in 0..<l where counts[s] > 0 {
                    let row = dynamics.row(sg, read, s), c = Double(counts[s])
                    for s2 in 0..<l { expected[s2] += c * dynamics.transition[row + s2] }
                }
                Self.largestRemainder(expected, total: space.k, into: &rounded)
                ranks[key * space.count + rank] = space.rank(rounded)
            }
        }
        for rank in ranks { appendDeterministicRow(rank) }
    }

    /// Rounds non-negative reals summing to ≈ `total` to integers summing exactly to `total`: floor
    /// each, then give the missing units to the largest fractional parts (ties: lowest index).
    ///
    /// Edge cases: a sum off by rounding error still yields exactly `total`; negative inputs (never
    /// produced by probability tables) are treated as 0.
    /// - Complexity: O(L²) (L is small).
    static func largestRemainder(_ values: [Double], total: Int, into result: inout [Int]) {
        var assigned = 0
        for i in values.indices {
            let f = max(0, values[i].rounded(.down))
            result[i] = Int(f)
            assigned += result[i]
        }
        var deficit = total - assigned
        // A unit goes to the largest fraction not yet served; a served entry's fraction is now negative.
        while deficit > 0 {
            var best = 0
            var bestFraction = -Double.infinity
            for i in values.indices {
                let fraction = max(0, values[i]) - Double(result[i])
                if fraction > bestFraction { best = i; bestFraction = fraction }
            }
            result[best] += 1
            deficit -= 1
        }
        // Rounding error can make the floors overshoot by one unit at most; take it from the largest.
        while deficit < 0, let top = result.indices.max(by: { result[$0] < result[$1] }) {
            result[top] -= 1
            deficit += 1
        }
    }
}
