/// A deterministic global policy a_g = pi_g(s_g, counts) on the count vector of k sampled local states
/// (the module README, "Tabular mean-field game").
///
/// Stored densely as `actions[s_g][rank(counts)]`, ranks from ``CountVectorSpace`` (combinatorial number
/// system; rank 0 is `(0, …, 0, k)`), never as a dictionary.
public struct GlobalPolicyTable: Sendable, Equatable {
    /// The count vectors of k agents over |S_l| states.
    public let space: CountVectorSpace
    /// |S_g|, |A_g|.
    public let globalStates: Int, globalActions: Int
    /// a_g flat `[s_g][rank]`.
    public private(set) var actions: [Int32]

    /// A policy from a flat table.
    /// - Precondition: `actions.count == globalStates * space.count`, every action in `0..<globalActions`.
    public init(space: CountVectorSpace, globalStates: Int, globalActions: Int, actions: [Int32]) {
        precondition(actions.count == globalStates * space.count,
                     "pi_g needs \(globalStates * space.count) entries, got \(actions.count)")
        precondition(actions.allSatisfy { $0 >= 0 && Int($0) < globalActions }, "pi_g action out of range")
        self.space = space
        self.globalStates = globalStates
        self.globalActions = globalActions
        self.actions = actions
    }

    /// The constant policy a_g = `action` (the paper's "empty policy" before the first G-LEARN is 0).
    public static func constant(_ action: Int, k: Int, for game: TabularGame) -> GlobalPolicyTable {
        let space = CountVectorSpace(k: k, states: game.localStates)
        return GlobalPolicyTable(space: space, globalStates: game.globalStates, globalActions: game.globalActions,
                                 actions: [Int32](repeating: Int32(action), count: game.globalStates * space.count))
    }

    /// k, the number of sampled local agents.
    public var k: Int { space.k }

    /// a_g for global state `sg` and count-vector rank `rank`.
    @inlinable public func action(_ sg: Int, rank: Int) -> Int { Int(actions[sg * space.count + rank]) }

    /// a_g for global state `sg` and a count vector.
    /// - Precondition: `counts` sums to k over |S_l| states.
    public func action<C: Collection>(_ sg: Int, counts: C) -> Int where C.Element == Int {
        action(sg, rank: space.rank(counts))
    }

    /// Whether the shape matches `game`.
    public func fits(_ game: TabularGame) -> Bool {
        globalStates == game.globalStates && globalActions == game.globalActions && space.states == game.localStates
    }
}
