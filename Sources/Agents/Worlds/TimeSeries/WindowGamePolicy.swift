/// A policy that plays the window game (``WindowGame``) on the rounds ``WindowGameSettings/plays(atRound:)``
/// selects and the local warm-up update on the others: `replay-only`, `nash-n` and `memoa`.
public protocol WindowGamePolicy: ForecastPolicy {
    /// The window, cost, cadence and warm-up.
    var game: WindowGameSettings { get }
    /// The solver of the window game.
    var solver: any WindowGameSolver { get }
    /// Messages of one game round besides the N prediction uploads, `reporters` the clients whose
    /// responses form the mean-field.
    func gameMessages(clients: Int, reporters: Int) -> Int
    /// Plays round t's game in `simulation`: sets every client's control and next prediction.
    /// - Returns: m_T, the mean-field of the window's last step, when the solver forms one.
    func playGame(_ simulation: inout ForecastSimulation, round t: Int) throws -> [Double]?
}

extension WindowGamePolicy {
    public var encoder: EncoderConfig? { game.encoder }
    public var lookBack: ForecastLookBack { game.lookBack }
    public func playsGame(atRound t: Int) -> Bool { game.plays(atRound: t) }
    public var strategies: ForecastStrategies { .windowControls(game, solver) }

    /// Solves the window game with ``solver`` and applies its last control.
    public func playGame(_ simulation: inout ForecastSimulation, round t: Int) throws -> [Double]? {
        let solution = try solver.solve(simulation.windowGame(endingAt: t, game), sample: simulation.state.sample)
        simulation.applyGame(solution, game, round: t)
        return solution.meanField?.last
    }

    /// A game round plays the game (trace `game: 1` and m_T), any other round the warm-up (`game: 0`).
    public func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)] {
        guard playsGame(atRound: t) else {
            try game.warmup.update(&simulation, round: t, anchor: game.anchor)
            return [("game", 0)]
        }
        var payload = [("game", 1.0)]
        if let m = try playGame(&simulation, round: t) { payload += m.enumerated().map { ("m\($0.offset)", $0.element) } }
        simulation.state.scores.messages += gameMessages(clients: simulation.clients,
                                                        reporters: simulation.state.sample?.count ?? simulation.clients)
        return payload
    }
}
