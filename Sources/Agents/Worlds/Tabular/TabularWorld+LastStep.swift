import Engine

/// Per-agent views of a population step, recomputed from the counter-based streams instead of stored:
/// an agent's action at step t is the `policy` stream's cell (agent, t) drawn over π_l(· | s_g, s_i), the
/// same draw the population kernel made, so telling it needs only the state the agent started from.
extension TabularWorld {
    /// The states and global state a population step started from.
    struct PreviousStep: Sendable {
        var states: [UInt8]
        var globalState: Int
        var step: Int
    }

    /// What one agent did in the last population step: the state it started from, its action a_i and
    /// its local reward r_l(s_i, s_g, a_i); nil before the first step or when ``recordsLastStep`` is off.
    public func lastStep(of agent: Int) -> (state: Int, action: Int, reward: Double)? {
        guard let previousStep, previousStep.states.indices.contains(agent) else { return nil }
        let s = Int(previousStep.states[agent]), sg = previousStep.globalState
        let a = localAction(agent: agent, state: s, globalState: sg, step: previousStep.step)
        return (s, a, game.rewardLocal(s, sg, a))
    }

    /// a_i ~ π_l(· | s_g, s_i) from the `policy` cell (agent, step): the population kernel's draw
    /// (its integer thresholds pick the same index as this inverse-CDF scan).
    func localAction(agent: Int, state s: Int, globalState sg: Int, step: Int) -> Int {
        localPolicy.action(agent: agent, state: s, globalState: sg, step: step, stream: policyStream)
    }

    /// Adds the traced agents' fields to a `policyStep` line: `agents` [first, last], and per agent in
    /// that order `states` (before the step), `actions`, `localRewards` and `nextStates`.
    func noteAgents(_ range: ClosedRange<Int>, before: [UInt8], globalState sg: Int, step: Int,
                             context: inout EventContext) {
        var actions: [Int] = [], rewards: [Double] = []
        for (offset, agent) in range.enumerated() {
            let a = localAction(agent: agent, state: Int(before[offset]), globalState: sg, step: step)
            actions.append(a)
            rewards.append(game.rewardLocal(Int(before[offset]), sg, a))
        }
        context.note("agents", .ints([range.lowerBound, range.upperBound]))
        context.note("states", .ints(before.map(Int.init)))
        context.note("actions", .ints(actions))
        context.note("localRewards", .doubles(rewards))
        context.note("nextStates", .ints(population.states[range].map(Int.init)))
    }
}
