/// What the learners need from the runtime local policy table.
extension LocalPolicyTable {
    /// The uniform policy 1/|A_l| of `game` (the starting point of ALTERNATING-MARL).
    public static func uniform(for game: TabularGame) -> LocalPolicyTable {
        .uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
    }

    /// Whether the shape matches `game`.
    public func fits(_ game: TabularGame) -> Bool {
        globalStates == game.globalStates && localStates == game.localStates && actions == game.localActions
    }
}
