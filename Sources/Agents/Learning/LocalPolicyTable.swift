/// A stochastic local policy pi_l(a_l | s_g, s_l) of the tabular mean-field game (DESIGN.md "Tabular
/// mean-field game (ALTERNATING-MARL)"): every local agent acts on its own state and the global state.
///
/// Stored flat as `probabilities[s_g][s_l][a_l]`, the layout of the paper's `pi_l[s_g][s_l]`.
public struct LocalPolicyTable: Sendable, Equatable {
    /// |S_g|, |S_l|, |A_l|.
    public let globalStates: Int, localStates: Int, localActions: Int
    /// pi_l flat `[s_g][s_l][a_l]`; every row is a probability vector.
    public private(set) var probabilities: [Double]

    /// A policy from a flat table.
    /// - Precondition: `probabilities.count == globalStates * localStates * localActions`.
    public init(globalStates: Int, localStates: Int, localActions: Int, probabilities: [Double]) {
        precondition(probabilities.count == globalStates * localStates * localActions,
                     "pi_l needs \(globalStates * localStates * localActions) entries, got \(probabilities.count)")
        self.globalStates = globalStates
        self.localStates = localStates
        self.localActions = localActions
        self.probabilities = probabilities
    }

    /// The uniform policy 1/|A_l| (the starting point of ALTERNATING-MARL).
    public static func uniform(for game: TabularGame) -> LocalPolicyTable {
        LocalPolicyTable(globalStates: game.globalStates, localStates: game.localStates,
                         localActions: game.localActions,
                         probabilities: [Double](repeating: 1.0 / Double(game.localActions),
                                                 count: game.globalStates * game.localStates * game.localActions))
    }

    /// Offset of the row pi_l(· | s_g, s_l).
    @inlinable public func row(_ sg: Int, _ sl: Int) -> Int { (sg * localStates + sl) * localActions }

    /// pi_l(a_l | s_g, s_l).
    @inlinable public func probability(_ sg: Int, _ sl: Int, _ al: Int) -> Double {
        probabilities[row(sg, sl) + al]
    }

    /// The cumulative table `[s_g][s_l][a_l]` used to sample actions with `categorical(cumulative:)`;
    /// the last entry of each row is forced to 1 so rounding never drops the last action.
    public func cumulative() -> [Double] {
        var result = probabilities
        for start in stride(from: 0, to: result.count, by: localActions) {
            var total = 0.0
            for a in 0..<localActions {
                total += result[start + a]
                result[start + a] = total
            }
            result[start + localActions - 1] = 1
        }
        return result
    }

    /// Whether the shape matches `game`.
    public func fits(_ game: TabularGame) -> Bool {
        globalStates == game.globalStates && localStates == game.localStates && localActions == game.localActions
    }
}
