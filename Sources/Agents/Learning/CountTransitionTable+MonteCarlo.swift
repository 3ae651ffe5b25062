import Engine

extension CountTransitionTable {
    /// Sampled rows (``CountTransitionMethod/monteCarlo(samples:seed:)``): each row draws `samples`
    /// count vectors, every one of the k agents moving by P~_l, from the `learner` stream cell
    /// (agent = row index, step = 0), so a row's samples do not depend on how other rows were built.
    /// With `freshSubsample` (``CountTransitionMethod/subsample(samples:seed:)``) each of the k draws
    /// first picks its source state j with probability c_j / k, then moves by P~_l.
    ///
    /// Polls ``StopRequest`` per row: once a stop is requested the remaining rows stay put (one entry of
    /// probability 1), so the table stays well formed while the training it serves is cut short and
    /// discarded.
    mutating func buildMonteCarlo(_ dynamics: InducedLocalDynamics, samples: Int, seed: UInt64, freshSubsample: Bool) {
        let l = space.states
        let stream = RandomStream(seed: seed, .learner)
        let cumulative = TabularStepKernel.cumulativeRows(dynamics.transition, width: l)
        var drawn = [Int32](repeating: 0, count: samples)
        var next = [Int](repeating: 0, count: l)
        var ranks = [Int32](), weights = [Double]()
        var rowIndex = 0
        var rows: [(ranks: [Int32], weights: [Double])] = []
        forEachRow { sg, j, rank, counts in
            if StopRequest.isRequested {
                rows.append(([Int32(rank)], [1]))
                return
            }
            let read = keysPerGlobal == 1 ? sg : j
            var random = stream.generator(agent: rowIndex, step: 0)
            for sample in 0..<samples {
                for s in 0..<l { next[s] = 0 }
                if freshSubsample {
                    for _ in 0..<space.k {
                        let s = Self.source(counts, random.int(below: space.k))
                        let row = dynamics.row(sg, read, s)
                        next[random.categorical(cumulative: cumulative[row..<(row + l)])] += 1
                    }
                    drawn[sample] = Int32(space.rank(next))
                    continue
                }
                for s in 0..<l where counts[s] > 0 {
                    let row = dynamics.row(sg, read, s)
                    let cdf = cumulative[row..<(row + l)]
                    for _ in 0..<counts[s] { next[random.categorical(cumulative: cdf)] += 1 }
                }
                drawn[sample] = Int32(space.rank(next))
            }
            drawn.sort()
            Self.merge(drawn, samples: samples, ranks: &ranks, weights: &weights)
            rows.append((ranks, weights))
            rowIndex += 1
        }
        for row in rows {
            row.ranks.withUnsafeBufferPointer { r in row.weights.withUnsafeBufferPointer { appendRow(r, $0) } }
        }
    }

    /// The state of the `index`-th of the k agents when they are listed state by state.
    static func source(_ counts: [Int], _ index: Int) -> Int {
        var remaining = index
        for s in counts.indices {
            if remaining < counts[s] { return s }
            remaining -= counts[s]
        }
        return counts.count - 1
    }

    /// Run-length merges sorted sample ranks into (rank, frequency) entries.
    static func merge(_ sorted: [Int32], samples: Int, ranks: inout [Int32], weights: inout [Double]) {
        ranks.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        var i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count && sorted[j] == sorted[i] { j += 1 }
            ranks.append(sorted[i])
            weights.append(Double(j - i) / Double(samples))
            i = j
        }
    }
}
