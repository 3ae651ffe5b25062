import Engine

/// A local robot's decision rule in the continuous world (the local role, ``LocalPolicy``): the index
/// of its move in ``RobotsContinuousDynamics/localMoves`` from its own position and the global state.
public struct RobotsContinuousLocalRule: LocalPolicy, Encodable, Equatable {
    /// The rules.
    public enum Rule: Encodable, Sendable, Equatable {
        /// Uniform moves (baseline).
        case random
        /// Always the first move (stay).
        case stay
        /// Step toward s_g; stay when within `tolerance`: δ = 0 if |s_g − s| ≤ tolerance, else the move
        /// +step if s_g > s and −step if s_g < s. Needs the moves (stay, +step, -step).
        case follow(tolerance: Double)
        /// A tabular π_l(a | bin(s_g), bin(s_i)) over `bins` equal bins (a learned policy of the binned
        /// abstraction, ``RobotsContinuousAbstraction``).
        case table(LocalPolicyTable, bins: Int)
    }

    /// Which rule.
    public let rule: Rule
    /// The moves it indexes and the interval it bins.
    public let robots: RobotsContinuousDynamics

    public init(_ rule: Rule, robots: RobotsContinuousDynamics) {
        self.rule = rule
        self.robots = robots
    }

    /// The rule's name, for traces and results.
    public var kind: String {
        switch rule {
        case .random: return NamedLocalRule.random.rawValue
        case .stay: return NamedLocalRule.stay.rawValue
        case .follow: return NamedLocalRule.follow.rawValue
        case .table(let table, _): return table.kind
        }
    }

    /// The move index for a robot at `s` when the global state is `sg`; `random` is the policy stream's
    /// cell of this robot and step (drawn only by the random and tabular rules).
    @inlinable
    public func action(_ s: Double, global sg: Double, random: inout CounterRandom) -> Int {
        switch rule {
        case .random:
            return random.int(below: robots.localMoves.count)
        case .stay:
            return 0
        case .follow(let tolerance):
            let gap = sg - s
            return abs(gap) <= tolerance ? 0 : (gap > 0 ? 1 : 2)
        case .table(let table, let bins):
            let row = table.row(robots.bin(sg, bins: bins), robots.bin(s, bins: bins))
            return random.categorical(cumulative: table.cumulative[row..<row + table.actions])
        }
    }

    /// Every robot's move index, robot i drawing from the policy cell (i, `step`): the draws the world's
    /// population loop makes.
    public func actions(states: [Double], globalState: Double, step: Int, stream: RandomStream) -> [UInt8] {
        states.indices.map { i in
            var cell = stream.generator(agent: i, step: step)
            return UInt8(truncatingIfNeeded: action(states[i], global: globalState, random: &cell))
        }
    }
}
