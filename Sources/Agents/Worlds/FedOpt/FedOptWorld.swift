import Engine

/// The federated-optimization world of the module README, "Federated optimization", stepped by engine events.
///
/// An episode is one training run from w = 0 lasting `episodeLength` simulated time (`worldTick`
/// starts it). Rounds take simulated time because every client job has a compute and an upload time
/// (``FedOptTiming``):
///
/// * `sync`: `globalObserve` samples k of n clients and starts their jobs from w; the round's
///   `globalStep` is scheduled when the last one arrives (or at the deadline, dropping late ones) and
///   applies w ← w + η_g · mean(updates) — one engine event per round, not one per client;
/// * `async`: k clients work at once; each upload is a per-client `clientUpload` event, every
///   `buffer` arrivals the server applies w ← w + η_g · (1/K) Σ (1 + τ_j)^(-a) Δ_j, with τ_j the
///   staleness (aggregations since client j took its model), and each arrival starts a new job on a
///   uniformly chosen idle client.
///
/// Events of an earlier episode are skipped by their generation (lazy cancellation).
/// Randomness: clients and speeds from `client`, job clocks from `world`, client sampling from
/// `subsample`, η_g and step sizes from `policy` — so two policies under one seed share clients and
/// clocks.
public struct FedOptWorld: SimulationModel {
    /// The per-client upload arrival of asynchronous mode.
    public static let clientUpload = EventKind.custom("clientUpload", index: 0, priority: 15)

    /// The clients' objectives.
    public let problem: FedOptProblem
    /// Job clocks.
    public let timing: FedOptTiming
    /// k, E, mode, target.
    public let config: FedOptConfig
    /// η_g and the local step sizes.
    public let policy: any FedOptPolicy
    /// speed_i.
    public let speeds: [Double]
    /// Everything the world changes while it runs (what a checkpoint saves).
    public internal(set) var state: State
    /// The global model w.
    public var model: [Double] { state.model }
    /// Aggregations applied in the running episode (the model version).
    public var round: Int { state.round }
    /// The current episode, -1 before the first.
    public var episode: Int { state.episode }
    /// Per-episode results and loss curves.
    public var metrics: FedOptMetrics { state.metrics }
    /// The aggregation state of the world's mode.
    public var rounds: FedOptRounds { state.rounds }

    let subsampleStream: RandomStream, policyStream: RandomStream, worldStream: RandomStream
    /// The simulated time of one episode: the censoring value of `simulatedTimeToTarget`.
    public let episodeLength: SimTime
    /// The sampler of synchronous rounds (scratch: a round draws and uses its sample within one event).
    var sampler: SubsampleSampler

    /// - Parameter episodeLength: the simulated time of one episode (`horizon`).
    /// - Precondition: `1 <= k <= n`, `E >= 1`.
    public init(problem: FedOptProblem, timing: FedOptTiming, config: FedOptConfig, policy: any FedOptPolicy, seed: UInt64,
                episodeLength: SimTime) {
        precondition(config.localSteps >= 1, "fedopt needs E >= 1 local steps")
        self.episodeLength = episodeLength
        self.problem = problem
        self.timing = timing
        self.config = config
        self.policy = policy
        speeds = timing.speeds(clients: problem.clients, seed: seed)
        state = State(problem: problem, mode: config.mode)
        subsampleStream = RandomStream(seed: seed, .subsample)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        sampler = SubsampleSampler(k: config.clientsPerRound, n: problem.clients)
    }

    public mutating func handle(_ event: Event, context: inout EventContext) throws {
        if event.kind == .worldTick { return try startEpisode(context: &context) }
        guard episode >= 0, event.generation == generation else { return }
        switch event.kind {
        case .globalObserve: try startRound(context: &context)
        case .globalStep: try finishRound(context: &context)
        case Self.clientUpload: try receiveUpload(client: Int(event.agent), context: &context)
        default: break
        }
    }

    /// The generation of the running episode's events.
    var generation: UInt32 { UInt32(truncatingIfNeeded: episode) }

    /// A counter-stream step key unique to (episode, index).
    func key(_ index: Int) -> Int { episode << 32 | index }

    /// Records the running episode's results; call once after the last event.
    public mutating func finishEpisode() {
        guard episode >= 0 else { return }
        state.metrics.addEpisode(loss: problem.globalLoss(model), worst: problem.worstClientLoss(model), messages: state.messages,
                                 bytesPerMessage: problem.dimension * config.bytesPerValue)
        let reached = state.reachedTarget
        state.metrics.recordTarget(time: reached ? state.targetTime : episodeLength, rounds: reached ? state.targetRounds : round,
                                   reached: reached)
    }

    private mutating func startEpisode(context: inout EventContext) throws {
        finishEpisode()
        state.episode += 1
        try policy.episodeStarted(episode)
        state.episodeStart = context.now
        for j in state.model.indices { state.model[j] = 0 }
        state.round = 0
        state.messages = 0
        state.reachedTarget = false
        context.note("episode", .int(episode))
        context.note("loss", .double(problem.globalLoss(model)))
        switch config.mode {
        case .sync: context.schedule(.globalObserve, after: 0, generation: generation)
        case .async: try startAsync(context: &context)
        }
    }

    /// Applies w ← w + η_g · `update`, then records F(w) against time and rounds and the target, and
    /// tells the policy the aggregation's reward, −log10(F(w) − F*) (``FedOptAbstraction/reward(_:)``).
    mutating func apply(_ update: [Double], serverRate: Double, context: inout EventContext) throws {
        for j in state.model.indices { state.model[j] += serverRate * update[j] }
        state.round += 1
        let loss = problem.globalLoss(model)
        state.metrics.recordAggregation(loss: loss, round: round, at: context.now)
        if !state.reachedTarget && loss - problem.minimumLoss <= config.targetLoss {
            state.reachedTarget = true
            state.targetTime = context.now - state.episodeStart
            state.targetRounds = round
        }
        context.note("round", .int(round))
        context.note("serverRate", .double(serverRate))
        context.note("loss", .double(loss))
        try policy.observe(reward: FedOptAbstraction.reward(loss - problem.minimumLoss), step: round - 1)
    }

    /// F(w) - F* at the current model.
    var excessLoss: Double { problem.globalLoss(model) - problem.minimumLoss }

    /// η_g from the policy for the aggregation keyed `step`.
    func serverRate(clientLosses: [Double], step: Int) throws -> Double {
        var cell = policyStream.generator(agent: -1, step: step)
        return try policy.decideServerRate(excessLoss: excessLoss, clientLosses: clientLosses, round: round, random: &cell)
    }

    /// The local step sizes of `clients` for their jobs keyed `step` from the current model, and the
    /// clients' losses there.
    func localSteps(clients: [Int], step: Int, excessLoss: Double) throws -> (stepSizes: [Double], losses: [Double]) {
        let losses = clients.map { problem.clientLoss($0, model) }
        let sizes = try policy.localSteps(excessLoss: excessLoss, clients: clients, clientLosses: losses, round: round, step: step,
                                          stream: policyStream)
        return (sizes, losses)
    }

    /// The (compute, upload) time of `client`'s job keyed `step`.
    func jobTime(client: Int, step: Int) -> Double {
        var cell = worldStream.generator(agent: client, step: step)
        let job = timing.job(steps: config.localSteps, speed: speeds[client], random: &cell)
        return job.compute + job.upload
    }
}

