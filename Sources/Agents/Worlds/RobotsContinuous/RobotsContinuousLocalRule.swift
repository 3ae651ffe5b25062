import Engine

/// A local robot's decision rule in the continuous world: the index of its move in
/// ``RobotsContinuousDynamics/localMoves`` from its own position and the global state.
public enum RobotsContinuousLocalRule: Sendable, Equatable {
    /// Uniform moves (baseline).
    case random
    /// Always the first move (stay).
    case stay
    /// Step toward s_g; stay when within `tolerance`.
    /// Needs the moves (stay, +step, -step).
    case follow(tolerance: Double)
    /// A tabular π_l(a | bin(s_g), bin(s_i)) over `bins` equal bins (a learned policy of the binned
    /// abstraction).
    case table(LocalPolicyTable, bins: Int)

    /// The rule's name, for traces and results.
    public var kind: String {
        switch self {
        case .random: return "random"
        case .stay: return "stay"
        case .follow: return "follow"
        case .table(let table, _): return table.kind
        }
    }

    /// The move index for a robot at `s` when the global state is `sg`; `random` is the policy stream's
    /// cell of this robot and step (drawn only by the random and tabular rules).
    @inlinable
    public func action(_ s: Double, global sg: Double, robots: RobotsContinuousDynamics, random: inout CounterRandom) -> Int {
        switch self {
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
}
