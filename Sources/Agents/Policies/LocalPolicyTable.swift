import Engine

/// A stochastic local policy π_l(a_l | s_g, s_l) stored flat as `[s_g][s_l][a_l]`, with cumulative
/// rows for sampling. Every local decision rule of the tabular worlds is such a table, so the hot loop
/// is one table lookup per agent with no dynamic dispatch.
public struct LocalPolicyTable: LocalPolicy, Encodable, Equatable {
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

    /// a_i ~ π_l(· | s_g, s_i) for every agent, each from the policy cell (i, `step`) by an inverse-CDF
    /// scan of its row (the tabular kernel's integer thresholds pick the same index).
    public func actions(states: [UInt8], globalState: Int, step: Int, stream: RandomStream) -> [UInt8] {
        states.indices.map { i in UInt8(truncatingIfNeeded: action(agent: i, state: Int(states[i]), globalState: globalState,
                                                                    step: step, stream: stream)) }
    }

    /// One agent's a_i ~ π_l(· | s_g, s_i) from the policy cell (`agent`, `step`).
    public func action(agent: Int, state s: Int, globalState sg: Int, step: Int, stream: RandomStream) -> Int {
        var cell = stream.generator(agent: agent, step: step)
        let row = row(sg, s)
        return cell.categorical(cumulative: cumulative[row..<row + actions])
    }

    /// Uniform actions.
    public static func uniform(globalStates: Int, localStates: Int, actions: Int) -> LocalPolicyTable {
        LocalPolicyTable(kind: NamedLocalRule.random.rawValue, globalStates: globalStates, localStates: localStates, actions: actions,
                         probabilities: Array(repeating: 1, count: globalStates * localStates * actions))
    }

    /// Always action `action`, whatever the states; named `kind`.
    public static func constant(_ action: Int, kind: String, globalStates: Int, localStates: Int, actions: Int) -> LocalPolicyTable {
        var p = [Double](repeating: 0, count: globalStates * localStates * actions)
        for row in stride(from: 0, to: p.count, by: actions) { p[row + action] = 1 }
        return LocalPolicyTable(kind: kind, globalStates: globalStates, localStates: localStates, actions: actions, probabilities: p)
    }

    /// The `stay` rule: always the first action.
    public static func stay(globalStates: Int, localStates: Int, actions: Int) -> LocalPolicyTable {
        constant(0, kind: NamedLocalRule.stay.rawValue, globalStates: globalStates, localStates: localStates, actions: actions)
    }

    /// The `fixed` rule of the federated world's learners: always local action `action`.
    public static func fixed(_ action: Int, globalStates: Int, localStates: Int, actions: Int) -> LocalPolicyTable {
        constant(action, kind: "fixed", globalStates: globalStates, localStates: localStates, actions: actions)
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
        return LocalPolicyTable(kind: NamedLocalRule.follow.rawValue, globalStates: zones, localStates: zones, actions: 3, probabilities: p)
    }
}
