/// `replay-only`: the window replay with β = 0 on game rounds — every client restarts from its replayed
/// window-end value, which isolates what the replay reset alone contributes (a baseline).
public struct ReplayOnlyPolicy: WindowGamePolicy, Equatable, Codable {
    public static let family = PolicyFamily(kind: "replay-only", summary: "window replay from the true value with zero control (baseline)")

    public var game: WindowGameSettings

    public init(game: WindowGameSettings = WindowGameSettings()) { self.game = game }

    public var solver: any WindowGameSolver { ReplayOnlySolver() }

    /// The replay needs no message.
    public func gameMessages(clients: Int, reporters: Int) -> Int { 0 }

    /// γ may be 0: the replay applies no control.
    public var problem: String? { game.problem(requiresGamma: false) }
}

/// `replay-only`: the window replay with β = 0 — isolates what the replay reset alone contributes.
public struct ReplayOnlySolver: WindowGameSolver {
    public init() {}
    public func solve(_ game: WindowGame, sample: [Int]?) throws -> WindowSolution {
        let zero = [Double](repeating: 0, count: game.clients * game.latentWidth)
        let controls = Array(repeating: zero, count: game.window)
        return WindowSolution(controls: controls, states: game.rollout(controls: controls))
    }
}
