/// The tabular mean-field game of the module README, "Tabular mean-field game":
/// one global agent and n homogeneous local agents, all tables stored flat in row-major order.
///
/// * `s_g' ~ P_g(· | s_g, a_g)` — ``globalTransition`` indexed `[s_g][a_g][s_g']`;
/// * `s_i' ~ P_l(· | s_i, s_g, a_i)` — ``localTransition`` indexed `[s_l][s_g][a_l][s_l']`;
/// * step reward `r_g(s_g, a_g) + (1/n) Σ_i r_l(s_i, s_g, a_i)` — ``globalReward`` `[s_g][a_g]` and
///   ``localReward`` `[s_l][s_g][a_l]`.
///
/// The layouts match `../shared/data/ring-zones/tables.json`.
public struct TabularGame: Encodable, Sendable, Equatable {
    /// |S_g|, |A_g|, |S_l|, |A_l|.
    public let globalStates: Int, globalActions: Int, localStates: Int, localActions: Int
    /// P_g flat `[s_g][a_g][s_g']`.
    public let globalTransition: [Double]
    /// P_l flat `[s_l][s_g][a_l][s_l']`.
    public let localTransition: [Double]
    /// r_g flat `[s_g][a_g]`.
    public let globalReward: [Double]
    /// r_l flat `[s_l][s_g][a_l]`.
    public let localReward: [Double]
    /// Whether s_i' is drawn from P_l(· | s_i, s_g', a_i) with the *new* global state, as the paper's
    /// reference implementation does; false follows the equations.
    public let localUsesNextGlobal: Bool

    /// Creates a game from flat tables.
    /// - Precondition: every table has the size its dimensions imply (``TabularGame/Shape`` checks
    ///   user input before this point).
    public init(globalStates: Int, globalActions: Int, localStates: Int, localActions: Int,
                globalTransition: [Double], localTransition: [Double],
                globalReward: [Double], localReward: [Double], localUsesNextGlobal: Bool = false) {
        precondition(globalTransition.count == globalStates * globalActions * globalStates, "P_g size")
        precondition(localTransition.count == localStates * globalStates * localActions * localStates, "P_l size")
        precondition(globalReward.count == globalStates * globalActions, "r_g size")
        precondition(localReward.count == localStates * globalStates * localActions, "r_l size")
        self.globalStates = globalStates
        self.globalActions = globalActions
        self.localStates = localStates
        self.localActions = localActions
        self.globalTransition = globalTransition
        self.localTransition = localTransition
        self.globalReward = globalReward
        self.localReward = localReward
        self.localUsesNextGlobal = localUsesNextGlobal
    }

    /// Offset of the row P_g(· | s_g, a_g) in ``globalTransition``.
    @inlinable public func globalRow(_ sg: Int, _ ag: Int) -> Int { (sg * globalActions + ag) * globalStates }

    /// Offset of the row P_l(· | s_l, s_g, a_l) in ``localTransition``.
    @inlinable public func localRow(_ sl: Int, _ sg: Int, _ al: Int) -> Int {
        ((sl * globalStates + sg) * localActions + al) * localStates
    }

    /// r_g(s_g, a_g).
    @inlinable public func rewardGlobal(_ sg: Int, _ ag: Int) -> Double { globalReward[sg * globalActions + ag] }

    /// r_l(s_l, s_g, a_l).
    @inlinable public func rewardLocal(_ sl: Int, _ sg: Int, _ al: Int) -> Double {
        localReward[(sl * globalStates + sg) * localActions + al]
    }

    /// P_g(s_g' | s_g, a_g).
    @inlinable public func pGlobal(_ sg: Int, _ ag: Int, _ next: Int) -> Double {
        globalTransition[globalRow(sg, ag) + next]
    }

    /// P_l(s_l' | s_l, s_g, a_l).
    @inlinable public func pLocal(_ sl: Int, _ sg: Int, _ al: Int, _ next: Int) -> Double {
        localTransition[localRow(sl, sg, al) + next]
    }
}
