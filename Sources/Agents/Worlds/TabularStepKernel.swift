import Engine

/// The per-agent inner loop of a tabular world step, over a contiguous range of agents
/// (DESIGN.md "Tabular mean-field game", order within a step: every a_i, then each s_i').
///
/// The kernel is a value holding flat cumulative tables and stream keys, so disjoint agent ranges can
/// be stepped on different threads; results are exact integer tallies, which combine in any order to
/// the same totals — the step is bit-identical whatever the chunking or thread count.
public struct TabularStepKernel: Sendable {
    /// |S_g|, |S_l|, |A_l|.
    public let globalStates: Int, localStates: Int, localActions: Int
    /// Cumulative π_l rows `[s_g][s_l][a_l]`.
    public let policyCumulative: [Double]
    /// Cumulative P_l rows `[s_l][s_g][a_l][s_l']`.
    public let transitionCumulative: [Double]
    /// Stream for local actions (`policy`) and local transitions (`world`).
    public let policyStream: RandomStream, worldStream: RandomStream

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
        var tally = Tally(localStates: localStates, localActions: localActions)
        let actions = localActions, width = localStates
        policyCumulative.withUnsafeBufferPointer { policy in
            transitionCumulative.withUnsafeBufferPointer { transition in
                tally.stateActionCounts.withUnsafeMutableBufferPointer { pairs in
                    tally.nextHistogram.withUnsafeMutableBufferPointer { histogram in
                        for i in range {
                            let s = Int(states[i])
                            var pr = policyStream.generator(agent: i, step: step)
                            let a = Self.sample(policy, from: (sg * width + s) * actions, width: actions, u: pr.uniform())
                            pairs[s * actions + a] += 1
                            var wr = worldStream.generator(agent: i, step: step)
                            let row = ((s * globalStates + transitionGlobal) * actions + a) * width
                            let next = Self.sample(transition, from: row, width: width, u: wr.uniform())
                            states[i] = UInt8(truncatingIfNeeded: next)
                            histogram[next] += 1
                        }
                    }
                }
            }
        }
        return tally
    }

    /// Inverse-CDF lookup in a cumulative row; a `u` beyond rounding picks the last entry.
    @inline(__always)
    static func sample(_ table: UnsafeBufferPointer<Double>, from row: Int, width: Int, u: Double) -> Int {
        var j = 0
        while j < width - 1 && u >= table[row + j] { j += 1 }
        return j
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
