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
    /// The global model w.
    public internal(set) var model: [Double]
    /// Aggregations applied in the running episode (the model version).
    public internal(set) var round = 0
    /// The current episode, -1 before the first.
    public private(set) var episode = -1
    /// Per-episode results and loss curves.
    public internal(set) var metrics = FedOptMetrics()

    let subsampleStream: RandomStream, policyStream: RandomStream, worldStream: RandomStream
    /// The simulated time of one episode: the censoring value of `simulatedTimeToTarget`.
    public let episodeLength: SimTime
    var episodeStart: SimTime = 0
    var messages = 0
    var reachedTarget = false
    /// When and after how many rounds the running episode reached the target; recorded when the
    /// episode ends, so an episode cut short by an interrupt leaves no trace in the metrics.
    var targetTime: SimTime = 0, targetRounds = 0
    /// The sampler of synchronous rounds (scratch: a round draws and uses its sample within one event).
    var sampler: SubsampleSampler
    /// The aggregation state of the world's mode.
    public internal(set) var rounds: FedOptRounds

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
        model = [Double](repeating: 0, count: problem.dimension)
        subsampleStream = RandomStream(seed: seed, .subsample)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        sampler = SubsampleSampler(k: config.clientsPerRound, n: problem.clients)
        rounds = FedOptRounds(mode: config.mode, clients: problem.clients, dimension: problem.dimension)
    }

    public mutating func handle(_ event: Event, context: inout EventContext) throws {
        if event.kind == .worldTick { return startEpisode(context: &context) }
        guard episode >= 0, event.generation == generation else { return }
        switch event.kind {
        case .globalObserve: startRound(context: &context)
        case .globalStep: finishRound(context: &context)
        case Self.clientUpload: receiveUpload(client: Int(event.agent), context: &context)
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
        metrics.addEpisode(loss: problem.globalLoss(model), worst: problem.worstClientLoss(model), messages: messages,
                           bytesPerMessage: problem.dimension * config.bytesPerValue)
        metrics.recordTarget(time: reachedTarget ? targetTime : episodeLength, rounds: reachedTarget ? targetRounds : round,
                             reached: reachedTarget)
    }

    private mutating func startEpisode(context: inout EventContext) {
        finishEpisode()
        episode += 1
        episodeStart = context.now
        for j in model.indices { model[j] = 0 }
        round = 0
        messages = 0
        reachedTarget = false
        context.note("episode", .int(episode))
        context.note("loss", .double(problem.globalLoss(model)))
        switch config.mode {
        case .sync: context.schedule(.globalObserve, after: 0, generation: generation)
        case .async: startAsync(context: &context)
        }
    }

    /// Applies w ← w + η_g · `update`, then records F(w) against time and rounds and the target.
    mutating func apply(_ update: [Double], serverRate: Double, context: inout EventContext) {
        for j in model.indices { model[j] += serverRate * update[j] }
        round += 1
        let loss = problem.globalLoss(model)
        metrics.recordAggregation(loss: loss, round: round, at: context.now)
        if !reachedTarget && loss - problem.minimumLoss <= config.targetLoss {
            reachedTarget = true
            targetTime = context.now - episodeStart
            targetRounds = round
        }
        context.note("round", .int(round))
        context.note("serverRate", .double(serverRate))
        context.note("loss", .double(loss))
    }

    /// F(w) - F* at the current model.
    var excessLoss: Double { problem.globalLoss(model) - problem.minimumLoss }

    /// η_g from the policy for the aggregation keyed `step`.
    func serverRate(clientLosses: [Double], step: Int) -> Double {
        var cell = policyStream.generator(agent: -1, step: step)
        return policy.serverRate(excessLoss: excessLoss, clientLosses: clientLosses, random: &cell)
    }

    /// The local step size of `client` for the job keyed `step` from the current model, and the
    /// client's loss there.
    func localStep(client: Int, step: Int, excessLoss: Double) -> (stepSize: Double, loss: Double) {
        var cell = policyStream.generator(agent: client, step: step)
        let loss = problem.clientLoss(client, model)
        return (policy.localStep(excessLoss: excessLoss, clientLoss: loss, random: &cell), loss)
    }

    /// The (compute, upload) time of `client`'s job keyed `step`.
    func jobTime(client: Int, step: Int) -> Double {
        var cell = worldStream.generator(agent: client, step: step)
        let job = timing.job(steps: config.localSteps, speed: speeds[client], random: &cell)
        return job.compute + job.upload
    }
}

extension FedOptWorld: CheckpointableState {
    /// The clients, timing, configuration and policy, as a digest (they are rebuilt from the scenario).
    public var configurationDigest: UInt64 {
        var d = StateDigest()
        for values in [problem.optimum, problem.clientOptima, problem.curvatures, speeds] { d.add(values) }
        d.add("\(timing)")
        d.add("\(config)")
        d.add(policy.kind)
        d.add(episodeLength)
        return d.value
    }

    /// The model, the episode's counters and the mode's round state; the sampler's scratch is not
    /// state (a synchronous round draws and uses its sample within one event).
    public func save(into writer: inout StateWriter) {
        writer.section("fedopt-world")
        writer.write(configurationDigest)
        writer.write(model)
        writer.write(round)
        writer.write(episode)
        writer.write(metrics)
        writer.write(episodeStart)
        writer.write(messages)
        writer.write(reachedTarget)
        writer.write(targetTime)
        writer.write(targetRounds)
        switch rounds {
        case .sync(let state):
            writer.write(state.sum)
            writer.write(state.accepted)
            writer.write(state.losses)
        case .async(let jobs):
            writer.write(jobs.idle)
            writer.write(jobs.sentVersion)
            writer.write(jobs.pendingUpdates)
            writer.write(jobs.pendingLoss)
            writer.write(jobs.buffer)
            writer.write(jobs.bufferLosses)
            writer.write(jobs.jobs)
        }
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("fedopt-world")
        guard try reader.readUInt64() == configurationDigest else {
            throw CheckpointError.mismatch("the clients, timing or policy differ from the checkpointed run's")
        }
        let n = problem.clients, d = problem.dimension, k = config.clientsPerRound
        model = try reader.readFiniteDoubles("the global model", count: d)
        round = try reader.readInt(in: 0...Int(Int32.max), "the round")
        episode = try reader.readInt(in: -1...Int(Int32.max), "the episode")
        try reader.read(into: &metrics)
        episodeStart = try reader.readFinite("the episode start", in: 0...Double.greatestFiniteMagnitude)
        messages = try reader.readInt(in: 0...(1 << 53), "the message count")
        reachedTarget = try reader.readBool()
        targetTime = try reader.readFinite("the time to target")
        targetRounds = try reader.readInt(in: 0...Int(Int32.max), "the rounds to target")
        switch config.mode {
        case .sync:
            var state = FedOptSyncRound(dimension: d)
            state.sum = try reader.readFiniteDoubles("the round's summed updates", count: d)
            state.accepted = try reader.readInt(in: 0...k, "the round's accepted updates")
            state.losses = try reader.readFiniteDoubles("the round's losses")
            guard state.losses.count <= k else { throw CheckpointError.corrupt("the round has \(state.losses.count) losses, more than k = \(k)") }
            rounds = .sync(state)
        case .async(let size, _):
            var jobs = FedOptAsyncJobs(clients: n, dimension: d)
            jobs.idle = try reader.readInts("the idle clients", in: 0...(n - 1))
            jobs.sentVersion = try reader.readInts("the clients' model versions", count: n, in: 0...Int(Int32.max))
            jobs.pendingUpdates = try reader.readFiniteDoubles("the pending updates", count: n * d)
            jobs.pendingLoss = try reader.readFiniteDoubles("the pending losses", count: n)
            jobs.buffer = try reader.readFiniteDoubles("the aggregation buffer", count: d)
            jobs.bufferLosses = try reader.readFiniteDoubles("the buffered losses")
            jobs.jobs = try reader.readInt(in: 0...Int(Int32.max), "the job count")
            guard Set(jobs.idle).count == jobs.idle.count else { throw CheckpointError.corrupt("a client is listed idle twice") }
            // Asynchronous mode keeps k clients working: n − k idle once an episode has started.
            if episode >= 0 {
                guard jobs.idle.count == n - k, jobs.bufferLosses.count < size else {
                    throw CheckpointError.corrupt("\(jobs.idle.count) idle clients and \(jobs.bufferLosses.count) buffered updates, expected \(n - k) and fewer than \(size)")
                }
                // A working client took a model of this episode (idle ones may keep an older episode's version).
                let idleSet = Set(jobs.idle)
                guard (0..<n).allSatisfy({ idleSet.contains($0) || jobs.sentVersion[$0] <= round }) else {
                    throw CheckpointError.corrupt("a working client holds a model version after the round \(round)")
                }
            }
            rounds = .async(jobs)
        }
    }

    public var scheduledKinds: [EventKind] { [Self.clientUpload, .globalObserve, .globalStep] }
}
