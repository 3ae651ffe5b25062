import Agents
import Engine

/// `world.mixture: { kind: "external", command: [...], timeout: 5, persistence: false }` in a time-series
/// world: the server's mixture weights from an external process (`role: "server"`), one `mix` message per
/// round (``ExternalProtocol``, time-series roles), for every policy of the scenario. One process per run,
/// started at the run's first round; the answer must hold one finite weight per expert.
// Safe to send: one run owns it and steps it from one thread at a time.
final class ExternalMixtureRule: RoundMixtureRule, PolicyRole, @unchecked Sendable {
    static let family = PolicyFamily(kind: "external", summary: "the server's mixture weights from a process of any language, over JSON Lines")
    let spec: ExternalPolicySpec
    private let world: String, seed: UInt64, clients: Int, rounds: Int, episodes: Int
    private var connection: ExternalConnection?
    private var episode = -1

    init(spec: ExternalPolicySpec, world: String, seed: UInt64, clients: Int, rounds: Int, episodes: Int) {
        self.spec = spec
        self.world = world
        self.seed = seed
        self.clients = clients
        self.rounds = rounds
        self.episodes = episodes
    }

    var kind: String { Self.family.kind }
    var runsOutOfProcess: Bool { true }

    /// Not asked: ``weigh(round:predictions:target:next:weights:)`` replaces it. Leaves the weights unchanged.
    func update(predictions: [Double], target: [Double], weights: inout [Double], memory: inout [Double]) {}

    func weigh(round t: Int, predictions: [Double], target: [Double], next: [Double], weights: inout [Double]) throws {
        let experts = weights.count
        let connection = try connected(targets: target.count, experts: experts)
        if t == 0 {
            episode += 1
            try connection.send(ExternalProtocol.episode(episode))
        }
        let what = experts > clients ? "\(clients) clients and the persistence expert" : "one per client"
        weights = try connection.request(ExternalProtocol.mix(episode: episode, round: t, y: target, predictions: predictions, next: next)) { line in
            try NumberListAnswer(line).list("weights", count: experts, what: what, line: line)
        }
    }

    /// The connection, started (with its hello) at the run's first round, when d_y is known.
    private func connected(targets: Int, experts: Int) throws -> ExternalConnection {
        if let connection { return connection }
        let run = ExternalProtocol.SeriesRun(policy: spec.name, world: world, seed: seed, clients: clients, rounds: rounds,
                                             episodes: episodes, targets: targets, latentWidth: 0)
        let started = try ExternalConnection(spec: spec, hello: ExternalProtocol.serverHello(run, persistenceExpert: experts > clients))
        connection = started
        return started
    }

    func finishRun() { connection?.finish() }
}
