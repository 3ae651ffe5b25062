import Engine

/// Per-robot views of a population step, recomputed from the counter-based streams instead of stored:
/// a robot's move at step t comes from the `policy` stream's cell (robot, t) and its position before the
/// step, exactly as the population loop drew it.
extension RobotsContinuousWorld {
    /// The positions and global state a population step started from.
    struct PreviousStep: Sendable {
        var positions: [Double]
        var globalState: Double
        var step: Int
    }

    /// What one robot did in the last population step: its position before the step, its move δ_i and
    /// its local reward r_l(s_i, s_g, δ_i); nil before the first step or when ``recordsLastStep`` is off.
    public func lastStep(of agent: Int) -> (position: Double, move: Double, reward: Double)? {
        guard let previousStep, previousStep.positions.indices.contains(agent) else { return nil }
        let s = previousStep.positions[agent], sg = previousStep.globalState
        let delta = localMove(agent: agent, position: s, globalState: sg, step: previousStep.step)
        return (s, delta, robots.localReward(s, global: sg, move: delta))
    }

    /// δ_i of step `step` for a robot at `s`: the population loop's draw from the `policy` cell (agent, step).
    func localMove(agent: Int, position s: Double, globalState sg: Double, step: Int) -> Double {
        var cell = policyStream.generator(agent: agent, step: step)
        return robots.localMoves[localRule.action(s, global: sg, random: &cell)]
    }

    /// Adds the traced robots' fields to a `policyStep` line: `agents` [first, last], and per robot in that
    /// order `positions` (before the step), `moves`, `localRewards` and `nextPositions`.
    func noteAgents(_ range: ClosedRange<Int>, before: [Double], globalState sg: Double, step: Int,
                    context: inout EventContext) {
        var moves: [Double] = [], rewards: [Double] = []
        for (offset, agent) in range.enumerated() {
            let delta = localMove(agent: agent, position: before[offset], globalState: sg, step: step)
            moves.append(delta)
            rewards.append(robots.localReward(before[offset], global: sg, move: delta))
        }
        context.note("agents", .ints([range.lowerBound, range.upperBound]))
        context.note("positions", .doubles(before))
        context.note("moves", .doubles(moves))
        context.note("localRewards", .doubles(rewards))
        context.note("nextPositions", .doubles(Array(positions[range])))
    }
}
