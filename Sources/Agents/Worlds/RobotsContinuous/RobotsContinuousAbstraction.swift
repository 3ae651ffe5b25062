import Engine

/// The binned version of the continuous-robots task that the tabular learners solve (the module README,
/// "Continuous robots" and "Tabular mean-field game"): s_g and s_i are binned into `bins` equal bins of
/// [lower, upper]; global actions are the targets, local actions the moves.
///
/// The tables are Monte-Carlo estimates from the task's own equations, drawn from the `learner` stream
/// (one cell per table row, `samples` draws each), with positions uniform inside their bins:
/// * P_g(s_g' | s_g, a_g): bin of nextGlobal(x_g, τ(a_g), z), x_g ~ U(bin s_g);
/// * P_l(s_l' | s_l, s_g, a_l): bin of nextLocal(x_l, δ(a_l), z), x_l ~ U(bin s_l) (independent of s_g);
/// * r_g(s_g, a_g) = E[globalReward(x_g, τ(a_g))], r_l(s_l, s_g, a_l) = E[localReward(x_l, x_g, δ(a_l))].
public struct RobotsContinuousAbstraction: Sendable, Equatable {
    /// The task.
    public let robots: RobotsContinuousDynamics
    /// Bins per state axis.
    public let bins: Int
    /// Monte-Carlo draws per table row.
    public let samples: Int

    /// - Precondition: `bins >= 1`, `samples >= 1`.
    public init(robots: RobotsContinuousDynamics, bins: Int, samples: Int) {
        precondition(bins >= 1 && bins <= 256 && samples >= 1, "abstraction needs 1...256 bins and samples >= 1")
        self.robots = robots
        self.bins = bins
        self.samples = samples
    }

    /// The estimated game; the same `seed` always gives the same tables.
    /// - Complexity: O(samples · bins² · |A_l| + samples · bins · |A_g|).
    public func game(seed: UInt64) -> TabularGame {
        let stream = RandomStream(seed: seed, .learner)
        let targets = robots.targets.count, moves = robots.localMoves.count, b = bins
        var pg = [Double](repeating: 0, count: b * targets * b), rg = [Double](repeating: 0, count: b * targets)
        for sg in 0..<b {
            for ag in 0..<targets {
                var cell = stream.generator(agent: sg * targets + ag, step: 0)
                let row = (sg * targets + ag) * b
                for _ in 0..<samples {
                    let x = uniform(in: sg, &cell)
                    rg[sg * targets + ag] += robots.globalReward(x, target: robots.targets[ag]) / Double(samples)
                    pg[row + robots.bin(robots.nextGlobal(x, target: robots.targets[ag], normal: cell.normal()), bins: b)] += 1 / Double(samples)
                }
            }
        }
        var pl = [Double](repeating: 0, count: b * b * moves * b), rl = [Double](repeating: 0, count: b * b * moves)
        for sl in 0..<b {
            for al in 0..<moves {
                var cell = stream.generator(agent: sl * moves + al, step: 1)
                var row = [Double](repeating: 0, count: b)
                for _ in 0..<samples {
                    let next = robots.nextLocal(uniform(in: sl, &cell), move: robots.localMoves[al], normal: cell.normal())
                    row[robots.bin(next, bins: b)] += 1 / Double(samples)
                }
                for sg in 0..<b {
                    let offset = ((sl * b + sg) * moves + al) * b
                    pl.replaceSubrange(offset..<offset + b, with: row)
                    var rewardCell = stream.generator(agent: (sl * b + sg) * moves + al, step: 2)
                    var total = 0.0
                    for _ in 0..<samples {
                        let xl = uniform(in: sl, &rewardCell), xg = uniform(in: sg, &rewardCell)
                        total += robots.localReward(xl, global: xg, move: robots.localMoves[al])
                    }
                    rl[(sl * b + sg) * moves + al] = total / Double(samples)
                }
            }
        }
        return TabularGame(globalStates: b, globalActions: targets, localStates: b, localActions: moves,
                           globalTransition: pg, localTransition: pl, globalReward: rg, localReward: rl)
    }

    /// The binned `follow` rule: step toward the global bin, stay in it (moves stay, +, -).
    public func followTable() -> LocalPolicyTable {
        var p = [Double](repeating: 0, count: bins * bins * 3)
        for sg in 0..<bins {
            for sl in 0..<bins { p[(sg * bins + sl) * 3 + (sl == sg ? 0 : (sg > sl ? 1 : 2))] = 1 }
        }
        return LocalPolicyTable(kind: NamedLocalRule.follow.rawValue, globalStates: bins, localStates: bins, actions: 3, probabilities: p)
    }

    private func uniform(in bin: Int, _ cell: inout CounterRandom) -> Double {
        robots.binLower(bin, bins: bins) + (robots.upper - robots.lower) / Double(bins) * cell.uniform()
    }
}
