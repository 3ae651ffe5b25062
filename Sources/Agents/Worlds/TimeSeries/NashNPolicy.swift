/// `nash-n`: every game round the clients play the centralized N-player feedback Nash equilibrium of the
/// window game (``NashNSolver``): the server gathers every client's window data and sends back its gains.
public struct NashNPolicy: WindowGamePolicy, Equatable, Codable {
    public static let family = PolicyFamily(kind: "nash-n", summary: "centralized N-player feedback Nash of the window game (O((N d)^3) per step)")

    public var game: WindowGameSettings

    public init(game: WindowGameSettings = WindowGameSettings()) { self.game = game }

    public var solver: any WindowGameSolver { NashNSolver() }

    /// 2N: every client's window data up, its gains down.
    public func gameMessages(clients: Int, reporters: Int) -> Int { 2 * clients }

    /// The others keep their feedback laws and react to a deviation.
    public var strategies: ForecastStrategies { .feedbackLaws(game) }

    public var problem: String? { game.problem(requiresGamma: true) }
}
