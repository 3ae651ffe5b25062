import Agents
import Engine

/// `policies.<name>: { kind: "external", command: [...], timeout: 5 }` in a time-series world: every
/// client's forecast made by an external process (`role: "client"`, the default and only choice here),
/// one `forecast` message per round for the whole population (``ExternalProtocol``, time-series roles).
///
/// The scenario holds this launcher; every run (one seed) gets its own ``ExternalForecastRun``
/// (``started(world:seed:episodes:)``), whose process starts at the run's first round.
public struct ExternalForecastPolicy: ScenarioForecastPolicy {
    public static let family = PolicyFamily(
        kind: "external", summary: "every client's forecast from a process of any language, over JSON Lines (command: [...])")

    /// The command, its folder and timeout.
    public let spec: ExternalPolicySpec

    public init(spec: ExternalPolicySpec) { self.spec = spec }

    /// `command`, `role` ("client") and `timeout`.
    public static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> ExternalForecastPolicy {
        let name = r.path.hasPrefix("policies.") ? String(r.path.dropFirst("policies.".count)) : r.path
        return ExternalForecastPolicy(spec: try ExternalPolicySpec.read(name: name, &r, roles: ["client"]))
    }

    /// The run of one seed.
    func started(world: String, seed: UInt64, episodes: Int) -> ExternalForecastRun {
        ExternalForecastRun(spec: spec, world: world, seed: seed, episodes: episodes)
    }

    /// The protocol's text grows like the encoders' work, which the world's estimate already counts.
    public func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {}

    public var encoder: EncoderConfig? { nil }
    public var lookBack: ForecastLookBack { ExternalForecastRun.lookBack }
    public var strategies: ForecastStrategies { ExternalForecastRun.strategies }
    public var problem: String? { nil }

    /// The launcher forecasts nothing itself: runs ask the ``ExternalForecastRun`` the world starts.
    public func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)] {
        throw ExternalPolicyError(policy: spec.name, message: 0, cause: "the process was not started for this run")
    }

    public func encode(to encoder: any Encoder) throws { try ExternalForecastRun.encode(spec, to: encoder) }
}

/// One run's client population in an external process: per round one `forecast` request, the answer's
/// predictions (and optional controls) checked — N · d_y finite numbers (N · d_z) — and issued
/// (``ForecastSimulation/issue(predictions:controls:)``), then the `outcome` of the answer queued.
// Safe to send: one run owns it and steps it from one thread at a time.
final class ExternalForecastRun: ForecastPolicy, PolicyRole, @unchecked Sendable {
    static var family: PolicyFamily { ExternalForecastPolicy.family }
    let spec: ExternalPolicySpec
    private let world: String, seed: UInt64, episodes: Int
    private var connection: ExternalConnection?
    private var episode = -1

    init(spec: ExternalPolicySpec, world: String, seed: UInt64, episodes: Int) {
        self.spec = spec
        self.world = world
        self.seed = seed
        self.episodes = episodes
    }

    var kind: String { Self.family.kind }
    var runsOutOfProcess: Bool { true }
    var encoder: EncoderConfig? { nil }
    /// Z_t for the message and Z_t−1 for the regret comparator's scores; the process keeps any history.
    static let lookBack = ForecastLookBack(encodings: 2, predictions: 1, weights: nil)
    var lookBack: ForecastLookBack { Self.lookBack }
    static let strategies = ForecastStrategies.undefined(reason: "an external client population's strategy lives in its process, so no window game replays it")
    var strategies: ForecastStrategies { Self.strategies }
    var problem: String? { nil }

    func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)] {
        let connection = try connected(simulation)
        if t == 0 {
            episode += 1
            try connection.send(ExternalProtocol.episode(episode))
        }
        let n = simulation.clients, dy = simulation.data.targetDimension, dz = simulation.encoders.config.latentWidth
        let state = simulation.state
        var mean = [Double](repeating: 0, count: dy)
        for d in 0..<dy {
            var s = 0.0
            for i in 0..<n { s += state.predictions[i * dy + d] }
            mean[d] = s / Double(n)
        }
        let message = ExternalProtocol.forecast(episode: episode, round: t, y: simulation.data.target(t), z: state.encodingHistory.row(t),
                                                predictions: state.predictions, meanPrediction: mean, serverPrediction: state.serverPrediction)
        let (predictions, controls) = try connection.request(message) { line -> ([Double], [Double]?) in
            let answer = try NumberListAnswer(line)
            return (try answer.list("predictions", count: n * dy, what: "\(n) clients × d_y = \(dy)", line: line),
                    try answer.optionalList("controls", count: n * dz, what: "\(n) clients × d_z = \(dz)", line: line))
        }
        simulation.issue(predictions: predictions, controls: controls)
        try connection.send(ExternalProtocol.outcome(episode: episode, round: t + 1, y: simulation.data.target(t + 1), predictions: predictions))
        return [("game", 0)]
    }

    /// The connection, started (with its hello) at the run's first round, when the sizes are known.
    private func connected(_ simulation: ForecastSimulation) throws -> ExternalConnection {
        if let connection { return connection }
        let run = ExternalProtocol.SeriesRun(policy: spec.name, world: world, seed: seed, clients: simulation.clients,
                                             rounds: simulation.data.rounds, episodes: episodes,
                                             targets: simulation.data.targetDimension, latentWidth: simulation.encoders.config.latentWidth)
        let started = try ExternalConnection(spec: spec, hello: ExternalProtocol.clientHello(run, cost: simulation.evaluation))
        connection = started
        return started
    }

    func finishRun() { connection?.finish() }

    func encode(to encoder: any Encoder) throws { try Self.encode(spec, to: encoder) }

    private enum CodingKeys: String, CodingKey { case command, role, timeout }

    /// The command, role and timeout (what a configuration digest covers).
    static func encode(_ spec: ExternalPolicySpec, to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(spec.command, forKey: .command)
        try c.encode("client", forKey: .role)
        try c.encode(spec.timeout, forKey: .timeout)
    }
}
