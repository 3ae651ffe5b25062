import Engine

/// Everything a time-series run needs besides the seed.
public struct ForecastSetup: Sendable {
    /// Builds the world's data for an episode seed (synthetic worlds may add seeded noise).
    public var makeData: @Sendable (UInt64) -> TimeSeriesData
    /// R.
    public var rounds: Int
    /// N.
    public var clients: Int
    public var encoder: EncoderConfig
    public var mixture: MixtureConfig
    /// The clients' policy.
    public var policy: any ForecastPolicy
    /// Weights of the realized per-client cost (`worstClientCost`, `clientCostStd`, …).
    public var evaluation: CostWeights
    /// Whether the server mixture weighs the persistence forecast as an extra expert (`mixture.persistence`).
    public var persistenceExpert = false
    /// The server's rule when it is not `mixture`'s built-in one: an external process, one per run
    /// (``RoundMixtureRule``).
    public var mixtureRule: (any MixtureRule)?
    /// Whether runs keep the `worstClientRegret` comparator's sums (N (d_z² + d_z) numbers and O(N d_y d_z²)
    /// work a round); without them the metric is not summarized.
    public var regret = true

    public init(makeData: @escaping @Sendable (UInt64) -> TimeSeriesData, rounds: Int, clients: Int,
                encoder: EncoderConfig, mixture: MixtureConfig, policy: any ForecastPolicy, evaluation: CostWeights) {
        self.makeData = makeData
        self.rounds = rounds
        self.clients = clients
        self.encoder = encoder
        self.mixture = mixture
        self.policy = policy
        self.evaluation = evaluation
    }

    /// The engine's schedules of a run: `worldTick` every R ticks starts an episode, and every tick runs
    /// the phases of ``ForecastSimulation/phases`` — `globalObserve` only when the policy samples k < N
    /// clients (other runs would draw nothing in it).
    public var schedule: [(kind: EventKind, schedule: Schedule)] {
        let samples = policy.sampleSize.map { $0 < clients } ?? false
        return [(.worldTick, .every(period: Double(rounds), offset: 0))]
            + ForecastSimulation.phases.filter { $0 != .globalObserve || samples }.map { ($0, .everyTick) }
    }
}

/// A time-series world stepped by engine events, one round per tick:
/// `worldTick` (every R ticks) starts an episode; then each tick `observe`, `globalObserve` (memoa game
/// rounds), `policyStep` and `mixtureUpdate` run the phases of ``ForecastSimulation`` in that order.
///
/// Episode e runs under the seed `seed` (e = 0) or `mix64(seed ^ e)`, so episodes are independent
/// replicates while episode 0 equals a plain run with `seed`.
public struct TimeSeriesWorld: SessionModel {
    public let setup: ForecastSetup
    public let seed: UInt64
    /// The running episode's simulation (nil before the first `worldTick`).
    public private(set) var simulation: ForecastSimulation?
    /// What the episode loop changes, checkpointed as one value.
    struct State: Codable, Equatable {
        /// The running episode, −1 before the first.
        var episode = -1
        /// Per-episode summaries of the metrics, in ``TimeSeriesWorld/metricNames`` order.
        var stats: [RunningStats]
        /// |yhat_t − y_t|² of every scored round.
        var series = StepSeries(name: "mixtureSquaredError")
    }

    private var state: State
    /// The metrics summarized per episode, in report order.
    private let metricNames: [String]
    /// The running episode, −1 before the first.
    public var episode: Int { state.episode }
    /// Threads the clients' per-round work may use; results are bit-identical for any value.
    public var populationThreads = 1 {
        didSet { simulation?.threads = populationThreads }
    }

    /// - Parameter reportWallTime: whether `wallSecondsPerStep` is summarized. It is the one
    ///   non-deterministic metric, so it is left out unless a scenario asks for it by name; results
    ///   files then stay byte-identical for a seed.
    public init(setup: ForecastSetup, seed: UInt64, reportWallTime: Bool = false) {
        self.setup = setup
        self.seed = seed
        metricNames = ForecastMetrics.names.filter { (reportWallTime || $0 != "wallSecondsPerStep") && (setup.regret || $0 != "worstClientRegret") }
        state = State(stats: metricNames.map { _ in RunningStats() })
    }

    /// The engine simulation of a run of `setup` under `seed` (``ForecastSetup/schedule``); run it until
    /// R × episodes.
    public static func simulation(setup: ForecastSetup, seed: UInt64, reportWallTime: Bool = false) -> Simulation<TimeSeriesWorld> {
        Simulation(model: TimeSeriesWorld(setup: setup, seed: seed, reportWallTime: reportWallTime),
                   schedules: ScheduleTable(setup.schedule, seed: seed, agents: setup.clients))
    }

    /// The seed of episode e.
    public func episodeSeed(_ e: Int) -> UInt64 { e == 0 ? seed : mix64(seed ^ UInt64(e)) }

    public mutating func handle(_ event: Event, context: inout EventContext) throws {
        if event.kind == .worldTick {
            closeEpisode()
            state.episode += 1
            let s = episodeSeed(episode)
            simulation = ForecastSimulation(data: setup.makeData(s), clients: setup.clients,
                                            encoder: setup.encoder, mixture: setup.mixture,
                                            policy: setup.policy, evaluation: setup.evaluation, seed: s,
                                            persistenceExpert: setup.persistenceExpert, regret: setup.regret, rule: setup.mixtureRule)
            simulation?.threads = populationThreads
            context.note("episode", .int(episode))
            if setup.policy.encoder != nil { context.note("encoderOverride", .bool(true)) }
            return
        }
        // Taken out, not copied: the population's buffers must stay uniquely referenced, or every
        // phase would copy them all.
        guard simulation?.isFinished == false, var sim = simulation.take() else { return }
        defer { simulation = sim }
        let record = try sim.handle(event.kind)
        if event.kind == .observe && sim.state.round >= 1 { state.series.record(sim.state.scores.lastMixtureSquaredError, at: context.now) }
        if context.isTraced, let record {
            context.note("round", .int(record.round))
            for (key, value) in record.payload { context.note(key, .double(value)) }
        }
    }

    /// Closes the last episode and ends the run's external processes (``processRoles``).
    public mutating func finishRun() {
        closeEpisode()
        for role in processRoles { role.finishRun() }
    }

    /// Adds the finished episode's metrics to the summaries.
    private mutating func closeEpisode() {
        guard let sim = simulation, sim.isFinished else { return }
        for (name, value) in sim.metrics.named {
            if let i = metricNames.firstIndex(of: name) { state.stats[i].add(value) }
        }
        simulation = nil
    }

    public var metricSummaries: [(name: String, stats: RunningStats)] { Array(zip(metricNames, state.stats)).map { (name: $0.0, stats: $0.1) } }
    public var stepSeries: [StepSeries] { [state.series] }

    public func inspectGlobal() -> [(String, String)] {
        guard let sim = simulation else { return [("episode", String(episode))] }
        return [("episode", String(episode)), ("round", String(sim.state.round)), ("policy", sim.policy.kind),
                ("encoders", sim.policy.encoder == nil ? "the world's" : "policy override"),
                ("serverPrediction", sim.state.serverPrediction.map { JSONText.number($0) }.joined(separator: ","))]
    }

    public var agentCount: Int { setup.clients }

    public func inspectAgent(_ agent: Int) -> [(String, String)]? {
        guard let sim = simulation, agent >= 0, agent < sim.clients else { return nil }
        let dy = sim.data.targetDimension
        return [("agent", String(agent)),
                ("prediction", sim.state.predictions[(agent * dy)..<((agent + 1) * dy)].map { JSONText.number($0) }.joined(separator: ","))]
    }

    public func inspectMeanField() -> [(String, String)] {
        guard let sim = simulation else { return [] }
        let dy = sim.data.targetDimension, n = sim.clients
        let mean = (0..<dy).map { d in (0..<n).reduce(0) { $0 + sim.state.predictions[$1 * dy + d] } / Double(n) }
        return [("meanPrediction", mean.map { JSONText.number($0) }.joined(separator: ",")), ("clients", String(n))]
    }
}

extension TimeSeriesWorld: CheckpointableState {
    /// The seed, the episode loop's ``State`` and, mid-episode, the episode's simulation (rebuilt from
    /// the setup and the episode's seed, then restored).
    public func save(into writer: inout StateWriter) {
        writer.section("forecast-world")
        writer.write(seed)
        writer.encodeWorldState(state)
        writer.write(simulation != nil)
        if let simulation { writer.write(simulation) }
    }

    /// Accepts the loop's state only if a run could have produced it: an episode from −1 on, one
    /// consistent summary per metric, the error series with finite times; a simulation only inside an
    /// episode. Nothing changes when it throws.
    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("forecast-world")
        let savedSeed = try reader.readUInt64()
        guard savedSeed == seed else { throw CheckpointError.mismatch("seed \(savedSeed), this run has \(seed)") }
        let restored = try StateDecoder.decode(State.self, from: &reader)
        guard restored.episode >= -1 else { throw CheckpointError.corrupt("episode \(restored.episode)") }
        guard restored.stats.count == metricNames.count else {
            throw CheckpointError.mismatch("\(restored.stats.count) metrics, this world has \(metricNames.count)")
        }
        for (name, stats) in zip(metricNames, restored.stats) { try stats.checkConsistent("metric '\(name)'") }
        try restored.series.check(name: state.series.name)
        var restoredSimulation: ForecastSimulation?
        if try reader.readBool() {
            guard restored.episode >= 0 else { throw CheckpointError.corrupt("a running episode before the first") }
            let s = episodeSeed(restored.episode)
            var sim = ForecastSimulation(data: setup.makeData(s), clients: setup.clients, encoder: setup.encoder,
                                         mixture: setup.mixture, policy: setup.policy, evaluation: setup.evaluation, seed: s,
                                         persistenceExpert: setup.persistenceExpert, regret: setup.regret, rule: setup.mixtureRule)
            try reader.read(into: &sim)
            sim.threads = populationThreads
            restoredSimulation = sim
        }
        state = restored
        simulation = restoredSimulation
    }
}
