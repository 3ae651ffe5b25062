import Engine

/// The per-agent inner loop of a tabular world step, over a contiguous range of agents
///.
///
/// The kernel is a value holding flat sampling tables and stream keys, so disjoint agent ranges can
/// be stepped on different threads; results are exact integer tallies, which combine in any order to
/// the same totals — the step is bit-identical whatever the chunking or thread count.
///
/// Goals of the loop, in order: (1) exactly the draws of the plain inverse-CDF scan (a 53-bit uniform
/// u picks the first j with u < cdf[j]); (2) no data-dependent branches — with random draws every
/// mispredicted branch costs more than the arithmetic; (3) no serial dependency through memory.
/// Hence integer thresholds (u ≥ cdf[k] ⟺ m ≥ ⌈cdf[k]·2^53⌉ for u = m·2^-53, exactly), the index
/// computed as the count of thresholds passed (cumulative rows are non-decreasing, so the passed
/// thresholds are a prefix), and tallies spread over four interleaved copies.
public struct TabularStepKernel: Sendable {
    /// |S_g|, |S_l|, |A_l|.
    public let globalStates: Int, localStates: Int, localActions: Int
    /// Cumulative π_l rows `[s_g][s_l][a_l]`.
    public let policyCumulative: [Double]
    /// Cumulative P_l rows `[s_l][s_g][a_l][s_l']`.
    public let transitionCumulative: [Double]
    /// Stream for local actions (`policy`) and local transitions (`world`).
    public let policyStream: RandomStream, worldStream: RandomStream
    /// ``thresholds(_:)`` of the two cumulative tables.
    let policyThresholds: [UInt64], transitionThresholds: [UInt64]

    public init(game: TabularGame, localPolicy: LocalPolicyTable, seed: UInt64) {
        precondition(localPolicy.globalStates == game.globalStates && localPolicy.localStates == game.localStates
                     && localPolicy.actions == game.localActions, "local policy shape does not match the game")
        globalStates = game.globalStates
        localStates = game.localStates
        localActions = game.localActions
        policyCumulative = localPolicy.cumulative
        transitionCumulative = Self.cumulativeRows(game.localTransition, width: game.localStates)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        policyThresholds = Self.thresholds(policyCumulative, width: localActions)
        transitionThresholds = Self.thresholds(transitionCumulative, width: localStates)
    }

    /// What one range of agents did in a step.
    public struct Tally: Sendable, Equatable {
        /// Agents per (s_l, a_l) before the move, flat `[s_l][a_l]`.
        public var stateActionCounts: [Int]
        /// Agents per s_l' after the move.
        public var nextHistogram: [Int]

        public init(localStates: Int, localActions: Int) {
            stateActionCounts = [Int](repeating: 0, count: localStates * localActions)
            nextHistogram = [Int](repeating: 0, count: localStates)
        }

        /// Adds another range's tally.
        public mutating func merge(_ other: Tally) {
            for i in stateActionCounts.indices { stateActionCounts[i] += other.stateActionCounts[i] }
            for i in nextHistogram.indices { nextHistogram[i] += other.nextHistogram[i] }
        }
    }

    /// Steps agents `range`: a_i ~ π_l(· | s_g, s_i) from the `policy` stream, then
    /// s_i' ~ P_l(· | s_i, s_transition, a_i) from the `world` stream, both keyed by (agent, step).
    /// `transitionGlobal` is s_g, or s_g' when the game uses the next global state.
    public func step(_ states: UnsafeMutableBufferPointer<UInt8>, range: Range<Int>, globalState sg: Int,
                     transitionGlobal: Int, step: Int) -> Tally {
        let actions = localActions, width = localStates
        let pairCount = width * actions
        // Four interleaved copies of each tally: consecutive agents mostly share a state, and one
        // counter incremented by every agent would chain each increment to the previous store.
        var pairs = [Int](repeating: 0, count: 4 * pairCount)
        var histogram = [Int](repeating: 0, count: 4 * width)
        policyThresholds.withUnsafeBufferPointer { policy in
            transitionThresholds.withUnsafeBufferPointer { transition in
                pairs.withUnsafeMutableBufferPointer { pairs in
                    histogram.withUnsafeMutableBufferPointer { histogram in
                        let tables = Tables(policy: policy, transition: transition, pairs: pairs, histogram: histogram)
                        // Literal widths let the compiler unroll the threshold counts of the reference
                        // ring-zones shape (3 actions, 5 positions); every other shape takes the general loop.
                        if actions == 3 && width == 5 {
                            loop(states, range, tables, actions: 3, width: 5, sg: sg, transitionGlobal: transitionGlobal, step: step)
                        } else {
                            loop(states, range, tables, actions: actions, width: width, sg: sg, transitionGlobal: transitionGlobal, step: step)
                        }
                    }
                }
            }
        }
        var tally = Tally(localStates: width, localActions: actions)
        for copy in 0..<4 {
            for j in 0..<pairCount { tally.stateActionCounts[j] += pairs[copy * pairCount + j] }
            for j in 0..<width { tally.nextHistogram[j] += histogram[copy * width + j] }
        }
        return tally
    }

    /// Steps agents `range` with their actions given (a ``LocalPolicy`` outside the tables chose them): only
    /// s_i' ~ P_l(· | s_i, s_transition, a_i) is drawn, from the `world` stream keyed by (agent, step)
    /// exactly as in ``step(_:range:globalState:transitionGlobal:step:)``, so the same actions give the
    /// same moves. The `policy` stream is not used.
    /// - Precondition: `actions[i] < localActions` for every i in `range`.
    public func step(_ states: UnsafeMutableBufferPointer<UInt8>, actions: UnsafeBufferPointer<UInt8>, range: Range<Int>,
                     transitionGlobal: Int, step: Int) -> Tally {
        var tally = Tally(localStates: localStates, localActions: localActions)
        transitionThresholds.withUnsafeBufferPointer { transition in
            for i in range {
                let s = Int(states[i]), a = Int(actions[i])
                tally.stateActionCounts[s &* localActions &+ a] &+= 1
                var wr = worldStream.generator(agent: i, step: step)
                let row = ((s &* globalStates &+ transitionGlobal) &* localActions &+ a) &* localStates
                let next = Self.index(transition, row: row, width: localStates, draw: wr.next())
                states[i] = UInt8(truncatingIfNeeded: next)
                tally.nextHistogram[next] &+= 1
            }
        }
        return tally
    }

    /// The buffers one call of ``step(_:range:globalState:transitionGlobal:step:)`` works on.
    struct Tables {
        let policy: UnsafeBufferPointer<UInt64>, transition: UnsafeBufferPointer<UInt64>
        let pairs: UnsafeMutableBufferPointer<Int>, histogram: UnsafeMutableBufferPointer<Int>
    }

    @inline(__always)
    private func loop(_ states: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>, _ tables: Tables,
                      actions: Int, width: Int, sg: Int, transitionGlobal: Int, step: Int) {
        let globals = globalStates, pairCount = width &* actions
        for i in range {
            let s = Int(states[i])
            var pr = policyStream.generator(agent: i, step: step)
            let a = Self.index(tables.policy, row: (sg &* width &+ s) &* actions, width: actions, draw: pr.next())
            let copy = i & 3
            tables.pairs[copy &* pairCount &+ s &* actions &+ a] &+= 1
            var wr = worldStream.generator(agent: i, step: step)
            let row = ((s &* globals &+ transitionGlobal) &* actions &+ a) &* width
            let next = Self.index(tables.transition, row: row, width: width, draw: wr.next())
            states[i] = UInt8(truncatingIfNeeded: next)
            tables.histogram[copy &* width &+ next] &+= 1
        }
    }

    /// The inverse-CDF index for one 64-bit draw: the number of thresholds of the row the draw's top
    /// 53 bits reach (see the type's notes). The same as scanning the cumulative row with
    /// `CounterRandom.uniform()`.
    @inline(__always)
    static func index(_ thresholds: UnsafeBufferPointer<UInt64>, row: Int, width: Int, draw: UInt64) -> Int {
        let m = draw &>> 11
        var j = 0
        for k in 0..<(width &- 1) { j &+= Int(unsafeBitCast(m >= thresholds[row &+ k], to: UInt8.self)) }
        return j
    }

    /// Integer thresholds of cumulative rows: entry k becomes ⌈cdf[k]·2^53⌉ (0 for cdf ≤ 0, 2^53 — never
    /// reached by a 53-bit draw — for cdf ≥ 1). Each row's last entry is never used.
    /// - Precondition: every row is non-decreasing before its last entry (running sums of
    ///   non-negative probabilities; the last entry, set to exactly 1, may fall below its predecessor).
    static func thresholds(_ cumulative: [Double], width: Int) -> [UInt64] {
        for row in stride(from: 0, to: cumulative.count, by: width) {
            for k in 1..<max(width - 1, 1) where cumulative[row + k] < cumulative[row + k - 1] {
                preconditionFailure("cumulative row \(row / width) decreases at \(k): \(cumulative[row + k - 1]) then \(cumulative[row + k])")
            }
        }
        return cumulative.map { c in
            if !(c > 0) { return 0 }
            if c >= 1 { return 1 << 53 }
            return UInt64((c * 0x1p53).rounded(.up))
        }
    }

    /// Row-wise cumulative sums; each row's last entry is set to exactly 1.
    public static func cumulativeRows(_ table: [Double], width: Int) -> [Double] {
        var out = table
        for row in stride(from: 0, to: table.count, by: width) {
            var running = 0.0
            for j in 0..<width {
                running += table[row + j]
                out[row + j] = running
            }
            out[row + width - 1] = 1
        }
        return out
    }
}
