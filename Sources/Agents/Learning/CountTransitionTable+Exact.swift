extension CountTransitionTable {
    /// Exact rows (``CountTransitionMethod/exact``): the law of counts' is built one agent at a time, a
    /// distribution over count vectors of m agents becoming one over m + 1 agents, so the result is the
    /// sum of independent Multinomial(c_j, P~_l(· | j)) over states j.
    mutating func buildExact(_ dynamics: InducedLocalDynamics) {
        let l = space.states
        let spaces = (0...space.k).map { CountVectorSpace(k: $0, states: l) }
        let successorRank = Self.addOneTables(spaces)
        var current = [Double](), next = [Double]()
        var ranks = [Int32](), weights = [Double]()
        var rows: [(ranks: [Int32], weights: [Double])] = []
        forEachRow { sg, j, _, counts in
            let read = keysPerGlobal == 1 ? sg : j
            current = [1.0]
            var m = 0
            for s in 0..<l {
                let row = dynamics.row(sg, read, s)
                for _ in 0..<counts[s] {
                    next = [Double](repeating: 0, count: spaces[m + 1].count)
                    for r in current.indices where current[r] != 0 {
                        for s2 in 0..<l {
                            next[successorRank[m][r * l + s2]] += current[r] * dynamics.transition[row + s2]
                        }
                    }
                    swap(&current, &next)
                    m += 1
                }
            }
            ranks.removeAll(keepingCapacity: true)
            weights.removeAll(keepingCapacity: true)
            for r in current.indices where current[r] > 0 {
                ranks.append(Int32(r))
                weights.append(current[r])
            }
            rows.append((ranks, weights))
        }
        for row in rows {
            row.ranks.withUnsafeBufferPointer { r in row.weights.withUnsafeBufferPointer { appendRow(r, $0) } }
        }
    }

    /// `tables[m][r * L + s]` = the rank in `spaces[m + 1]` of vector r of `spaces[m]` plus one agent in s.
    static func addOneTables(_ spaces: [CountVectorSpace]) -> [[Int]] {
        guard let l = spaces.first?.states else { return [] }
        var tables: [[Int]] = []
        var counts = [Int](repeating: 0, count: l)
        for m in 0..<(spaces.count - 1) {
            var table = [Int](repeating: 0, count: spaces[m].count * l)
            for r in 0..<spaces[m].count {
                spaces[m].unrank(r, into: &counts)
                for s in 0..<l {
                    counts[s] += 1
                    table[r * l + s] = spaces[m + 1].rank(counts)
                    counts[s] -= 1
                }
            }
            tables.append(table)
        }
        return tables
    }
}
