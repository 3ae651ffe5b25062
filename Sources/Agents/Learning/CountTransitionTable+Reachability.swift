extension CountTransitionTable {
    /// Nested rank sets R_0 ⊇ R_1 ⊇ … with R_0 = every count vector and R_{j+1} = the successors of R_j
    /// (over every s_g and row key), up to the first j with R_{j+1} = R_j or `maxLevels` sets.
    ///
    /// G-LEARN iterates only on the last set, which is closed under T, then fills R_j \ R_{j+1} from the
    /// inside out with one exact Bellman backup each (their successors are already final). With
    /// `rounding` the mean-field map contracts the lattice onto a small set, so this removes most of the
    /// work; with `exact` every vector is reachable and R_0 is the only level.
    /// - Complexity: O(levels · entries).
    public func reachableLevels(maxLevels: Int = 256) -> [[Int32]] {
        var levels: [[Int32]] = [(0..<space.count).map { Int32($0) }]
        var marked = [Bool](repeating: false, count: space.count)
        while levels.count < maxLevels, let last = levels.last {
            for i in marked.indices { marked[i] = false }
            for sg in 0..<globalStates {
                for j in 0..<keysPerGlobal {
                    let base = (sg * keysPerGlobal + j) * space.count
                    for c in last {
                        let r = base + Int(c)
                        for e in rowStart[r]..<rowStart[r + 1] { marked[Int(successor[e])] = true }
                    }
                }
            }
            let next = marked.indices.filter { marked[$0] }.map { Int32($0) }
            if next.count == last.count { break }
            levels.append(next)
        }
        return levels
    }

    /// The rows of the count vectors `core` (ascending ranks, closed under T) with every rank renumbered
    /// to its position in `core`, in the same layout over `core.count` vectors. G-LEARN iterates on this
    /// compact copy: its values fit in cache where the full lattice's do not.
    /// - Precondition: every successor of a row in `core` is in `core`.
    func restricted(to core: [Int32]) -> (rowStart: [Int], successor: [Int32], probability: [Double]) {
        var position = [Int32](repeating: -1, count: space.count)
        for (i, c) in core.enumerated() { position[Int(c)] = Int32(i) }
        var rows: (rowStart: [Int], successor: [Int32], probability: [Double]) = ([0], [], [])
        for sg in 0..<globalStates {
            for j in 0..<keysPerGlobal {
                for c in core {
                    let r = (sg * keysPerGlobal + j) * space.count + Int(c)
                    for e in rowStart[r]..<rowStart[r + 1] {
                        precondition(position[Int(successor[e])] >= 0, "core set not closed under T")
                        rows.successor.append(position[Int(successor[e])])
                        rows.probability.append(probability[e])
                    }
                    rows.rowStart.append(rows.successor.count)
                }
            }
        }
        return rows
    }
}
