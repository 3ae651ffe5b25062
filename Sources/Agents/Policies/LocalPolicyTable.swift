import Engine

/// A stochastic local policy π_l(a_l | s_g, s_l) stored flat as `[s_g][s_l][a_l]`, with cumulative
/// rows for sampling. Every local decision rule of the tabular worlds is such a table, so the hot loop
/// is one table lookup per agent with no dynamic dispatch.
public struct LocalPolicyTable: Sendable, Equatable {
    /// |S_g|, |S_l|, |A_l|.
    public let globalStates: Int, localStates: Int, actions: Int
    /// π_l flat `[s_g][s_l][a_l]`.
    public let probabilities: [Double]
    /// Row-wise cumulative sums of ``probabilities``; each row ends at exactly 1.
    public let cumulative: [Double]
    /// The rule's name, for traces and results.
    public let kind: String

    /// - Precondition: `probabilities.count == globalStates * localStates * actions`, rows non-negative
    ///   with positive sums (rows are renormalized).
    public init(kind: String, globalStates: Int, localStates: Int, actions: Int, probabilities: [Double]) {
        precondition(probabilities.count == globalStates * localStates * actions, "local policy table size")
        self.kind = kind
        self.globalStates = globalStates
        self.localStates = localStates
        self.actions = actions
        var normalized = probabilities, cumulative = probabilities
        for row in stride(from: 0, to: probabilities.count, by: actions) {
            let total = probabilities[row..<row + actions].reduce(0, +)
            precondition(total > 0, "local policy row \(row / actions) sums to \(total)")
            var running = 0.0
            for a in 0..<actions {
                normalized[row + a] = probabilities[row + a] / total
                running += normalized[row + a]
                cumulative[row + a] = running
            }
            cumulative[row + actions - 1] = 1
        }
        self.probabilities = normalized
        self.cumulative = cumulative
    }

    /// Offset of the row π_l(· | s_g, s_l).
    @inlinable public func row(_ sg: Int, _ sl: Int) -> Int { (sg * localStates + sl) * actions }

    /// π_l(a | s_g, s_l).
    @inlinable public func probability(_ sg: Int, _ sl: Int, _ a: Int) -> Double { probabilities[row(sg, sl) + a] }

    /// Uniform actions.
    public static func uniform(globalStates: Int, localStates: Int, actions: Int) -> LocalPolicyTable {
        LocalPolicyTable(kind: "random", globalStates: globalStates, localStates: localStates, actions: actions,
                         probabilities: Array(repeating: 1, count: globalStates * localStates * actions))
    }

    /// Ring worlds with actions (stay, +1, -1): step along the shorter way toward s_g, stay there
    /// (ties between the two ways go to +1).
    /// - Precondition: |S_g| = |S_l| and 3 actions.
    public static func follow(zones: Int) -> LocalPolicyTable {
        var p = [Double](repeating: 0, count: zones * zones * 3)
        for sg in 0..<zones {
            for sl in 0..<zones {
                let forward = (sg - sl + zones) % zones
                let action = forward == 0 ? 0 : (forward <= zones - forward ? 1 : 2)
                p[(sg * zones + sl) * 3 + action] = 1
            }
        }
        return LocalPolicyTable(kind: "follow", globalStates: zones, localStates: zones, actions: 3, probabilities: p)
    }
}
