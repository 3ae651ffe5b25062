import Engine

/// A tabular mean-field world stepped by engine events:
///
/// * `worldTick` (every `horizon` ticks): a new episode — s_g uniform, μ_0 drawn, agents i.i.d. from μ_0;
/// * `globalObserve`: the global agent samples k of n agents and counts their states;
/// * `globalStep`: a_g = π_g(s_g, counts);
/// * `policyStep`: every a_i, the reward with the current states, then s_g', then each s_i'.
///
/// One event steps the whole struct-of-arrays population. Random numbers are keyed by purpose:
/// `initial` (episode starts), `subsample`, `policy` (a_g, a_i) and `world` (s_g', s_i'), so two
/// policies under one seed see the same initial states and the same transition draws.
public struct TabularWorld: SimulationModel {
    /// The game tables.
    public let game: TabularGame
    /// n, k, γ, horizon, μ_0.
    public let config: TabularWorldConfig
    /// π_g.
    public let globalPolicy: any GlobalPolicy
    /// π_l.
    public let localPolicy: LocalPolicyTable
    /// The local agents.
    public private(set) var population: TabularPopulation
    /// s_g.
    public private(set) var globalState = 0
    /// a_g chosen at the last `globalStep`.
    public private(set) var globalAction = 0
    /// Counts of the last k-subsample, by local state.
    public private(set) var counts: [Int]
    /// The current episode, -1 before the first.
    public private(set) var episode = -1
    /// Agents per chunk of the population loop (fixed, so results never depend on threading).
    public static let chunkSize = 1 << 16
    /// Threads for the population step; results are bit-identical for any value (fixed chunks,
    /// integer tallies merged in chunk order).
    public var threads = 1
    /// Ghost pairs riding the s_g path, for measuring a local deviation (nil in ordinary runs). They
    /// draw from cells no real agent uses and never enter the sample or the reward, so attaching them
    /// changes no other number of the run.
    public var ghosts: GhostPairs?
    /// Whether the states before each population step are kept, so that ``lastStep(of:)`` can tell
    /// an agent's last action and reward (`sim step`). Changes no result.
    public var recordsLastStep = false
    /// Agents whose states, actions and local rewards every traced `policyStep` line carries
    /// (clipped to the population). Changes no result.
    public var tracedAgents: ClosedRange<Int>?
    /// When set, the local agents' actions come from it, one call per population step, instead of
    /// being sampled from ``localPolicy`` (an external local population).
    public var localPopulation: (any LocalPolicy<UInt8, Int>)?
    /// What the last population step started from, when ``recordsLastStep`` is on.
    var previousStep: PreviousStep?

    private let kernel: TabularStepKernel
    private let globalCumulative: [Double]
    private let initialStream: RandomStream, subsampleStream: RandomStream
    let policyStream: RandomStream, worldStream: RandomStream
    private var sampler: SubsampleSampler
    private var episodeReturn: DiscountedReturn
    private var episodeModeHits = 0
    /// Per-episode results and the per-step reward series.
    public private(set) var metrics: TabularMetrics

    /// - Precondition: the policies match the game's shape; `1 <= k <= agents`.
    public init(game: TabularGame, config: TabularWorldConfig, globalPolicy: any GlobalPolicy,
                localPolicy: LocalPolicyTable, seed: UInt64) {
        self.game = game
        self.config = config
        self.globalPolicy = globalPolicy
        self.localPolicy = localPolicy
        population = TabularPopulation(count: config.agents, localStates: game.localStates)
        counts = [Int](repeating: 0, count: game.localStates)
        kernel = TabularStepKernel(game: game, localPolicy: localPolicy, seed: seed)
        globalCumulative = TabularStepKernel.cumulativeRows(game.globalTransition, width: game.globalStates)
        initialStream = RandomStream(seed: seed, .initial)
        subsampleStream = RandomStream(seed: seed, .subsample)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        sampler = SubsampleSampler(k: config.k, n: config.agents)
        episodeReturn = DiscountedReturn(gamma: config.gamma)
        metrics = TabularMetrics(modeAccuracyDefined: game.globalStates == game.localStates)
    }

    public mutating func handle(_ event: Event, context: inout EventContext) throws {
        switch event.kind {
        case .worldTick: try startEpisode(context: &context)
        case .globalObserve: observe(step: context.occurrence, context: &context)
        case .globalStep: try decide(context: &context)
        case .policyStep: try stepPopulation(context: &context)
        default: break
        }
    }

    /// Records the running episode's results; call once after the last event.
    public mutating func finishEpisode() {
        guard episode >= 0, episodeReturn.steps > 0 else { return }
        ghosts?.finishEpisode()
        metrics.addEpisode(discountedReturn: episodeReturn.value,
                           modeAccuracy: Double(episodeModeHits) / Double(episodeReturn.steps))
        episodeReturn = DiscountedReturn(gamma: config.gamma)
        episodeModeHits = 0
    }

    private mutating func startEpisode(context: inout EventContext) throws {
        finishEpisode()
        episode += 1
        try globalPolicy.episodeStarted(episode)
        try localPopulation?.episodeStarted(episode)
        var cell = initialStream.generator(agent: -1, step: episode)
        globalState = cell.int(below: game.globalStates)
        var mu: [Double]
        switch config.initial {
        case .fixed(let distribution): mu = distribution
        case .dirichlet(let alpha):
            mu = [Double](repeating: 0, count: game.localStates)
            cell.dirichlet([Double](repeating: alpha, count: game.localStates), into: &mu)
        }
        let cumulative = TabularStepKernel.cumulativeRows(mu, width: mu.count)
        var histogram = [Int](repeating: 0, count: game.localStates)
        for i in 0..<population.count {
            var agentCell = initialStream.generator(agent: i, step: episode)
            let s = agentCell.categorical(cumulative: cumulative)
            population.states[i] = UInt8(truncatingIfNeeded: s)
            histogram[s] += 1
        }
        population.setHistogram(histogram)
        ghosts?.startEpisode(episode, initialCumulative: cumulative)
        context.note("episode", .int(episode))
        context.note("globalState", .int(globalState))
        context.note("meanField", .doubles(population.meanField))
        // The global agent starts each episode with an observation, so a_g never uses stale counts.
        observe(step: -1 - episode, context: &context)
    }

    private mutating func observe(step: Int, context: inout EventContext) {
        var cell = subsampleStream.generator(agent: -1, step: step)
        sampler.draw(using: &cell)
        for j in counts.indices { counts[j] = 0 }
        for i in sampler.sample { counts[Int(population.states[i])] += 1 }
        context.note("counts", .ints(counts))
    }

    private mutating func decide(context: inout EventContext) throws {
        var cell = policyStream.generator(agent: -1, step: context.occurrence)
        let seen = globalPolicy.observesPopulation ? population.histogram : counts
        globalAction = try globalPolicy.decide(globalState: globalState, counts: seen, step: context.occurrence,
                                               episodeStep: episodeReturn.steps, random: &cell)
        context.note("globalState", .int(globalState))
        context.note("action", .int(globalAction))
    }

    private mutating func stepPopulation(context: inout EventContext) throws {
        let sg = globalState, step = context.occurrence
        var cell = worldStream.generator(agent: -1, step: step)
        let row = game.globalRow(sg, globalAction)
        let next = cell.categorical(cumulative: globalCumulative[row..<row + game.globalStates])
        if recordsLastStep { previousStep = PreviousStep(states: population.states, globalState: sg, step: step) }
        let traced = context.isTraced ? tracedAgents?.clamped(to: 0...(population.count - 1)) : nil
        let tracedBefore = traced.map { Array(population.states[$0]) }
        let transitionGlobal = game.localUsesNextGlobal ? next : sg
        let tally = try localPopulation.map { try stepAgents(choosing: $0, globalState: sg, transitionGlobal: transitionGlobal, step: step) }
            ?? stepAgents(globalState: sg, transitionGlobal: transitionGlobal, step: step)
        ghosts?.step(episodeStep: episodeReturn.steps, globalState: sg, nextGlobal: next, step: step)
        var localSum = 0.0
        for s in 0..<game.localStates {
            for a in 0..<game.localActions {
                localSum += Double(tally.stateActionCounts[s * game.localActions + a]) * game.rewardLocal(s, sg, a)
            }
        }
        let reward = game.rewardGlobal(sg, globalAction) + localSum / Double(population.count)
        if sg == population.mode { episodeModeHits += 1 }
        episodeReturn.add(reward)
        metrics.recordStep(reward: reward, at: context.now)
        try globalPolicy.observe(reward: reward, step: step)
        try localPopulation?.observe(reward: reward, step: step)
        population.setHistogram(tally.nextHistogram)
        globalState = next
        context.note("reward", .double(reward))
        context.note("globalState", .int(globalState))
        context.note("histogram", .ints(population.histogram))
        if let traced, let tracedBefore {
            noteAgents(traced, before: tracedBefore, globalState: sg, step: step, context: &context)
        }
    }

    /// Steps every agent in fixed chunks and merges the tallies in chunk order.
    private mutating func stepAgents(globalState sg: Int, transitionGlobal: Int, step: Int) -> TabularStepKernel.Tally {
        let kernel = self.kernel
        let chunks = PopulationChunks(count: population.count, chunkSize: Self.chunkSize)
        var total = TabularStepKernel.Tally(localStates: game.localStates, localActions: game.localActions)
        population.states.withUnsafeMutableBufferPointer { states in
            let shared = ChunkedBuffer(states)
            let tallies = chunks.map(threads: threads) { _, range in
                kernel.step(shared.buffer, range: range, globalState: sg, transitionGlobal: transitionGlobal, step: step)
            }
            for tally in tallies { total.merge(tally) }
        }
        return total
    }
}

extension TabularWorld {
    /// Steps every agent with the actions `policy` chose for the whole population, in the same fixed
    /// chunks as ``stepAgents(globalState:transitionGlobal:step:)``.
    private mutating func stepAgents(choosing policy: any LocalPolicy<UInt8, Int>, globalState sg: Int, transitionGlobal: Int,
                                     step: Int) throws -> TabularStepKernel.Tally {
        let actions = try policy.actions(states: population.states, globalState: sg, step: step, stream: policyStream)
        precondition(actions.count == population.count && actions.allSatisfy { Int($0) < game.localActions },
                     "a local population policy answered actions of the wrong length or range")
        let kernel = self.kernel
        let chunks = PopulationChunks(count: population.count, chunkSize: Self.chunkSize)
        var total = TabularStepKernel.Tally(localStates: game.localStates, localActions: game.localActions)
        actions.withUnsafeBufferPointer { actions in
            population.states.withUnsafeMutableBufferPointer { states in
                let shared = ChunkedBuffer(states), given = ChunkedBuffer(UnsafeMutableBufferPointer(mutating: actions))
                let tallies = chunks.map(threads: threads) { _, range in
                    kernel.step(shared.buffer, actions: UnsafeBufferPointer(given.buffer), range: range,
                                transitionGlobal: transitionGlobal, step: step)
                }
                for tally in tallies { total.merge(tally) }
            }
        }
        return total
    }
}

extension TabularWorld: CheckpointableState {
    /// A policy in another process keeps state no checkpoint can hold.
    public var checkpointRefusal: String? {
        globalPolicy.checkpointRefusal ?? localPopulation?.checkpointRefusal
    }

    /// Everything fixed for the run (tables, n, k, γ, horizon, μ_0, both policies), as a digest: a
    /// checkpoint is refused by a world built differently (an edited tables file, another policy).
    public var configurationDigest: UInt64 {
        var d = StateDigest()
        for table in [game.globalTransition, game.localTransition, game.globalReward, game.localReward] { d.add(table) }
        for x in [game.globalStates, game.globalActions, game.localStates, game.localActions, config.agents, config.k, config.horizon] { d.add(x) }
        d.add(config.gamma)
        d.add(game.localUsesNextGlobal ? 1 : 0)
        switch config.initial {
        case .dirichlet(let alpha): d.add("dirichlet"); d.add(alpha)
        case .fixed(let mu): d.add("fixed"); d.add(mu)
        }
        d.add(globalPolicy.kind)
        d.add(localPolicy.kind)
        d.add(localPolicy.probabilities)
        return d.value
    }

    /// The population's states and histogram, s_g, a_g, the last counts, the episode and its running
    /// return, and the metrics. The subsampler's scratch table is not state (every draw starts clean).
    public func save(into writer: inout StateWriter) {
        writer.section("tabular-world")
        writer.write(configurationDigest)
        writer.write(population.states)
        writer.write(population.histogram)
        writer.write(globalState)
        writer.write(globalAction)
        writer.write(counts)
        writer.write(episode)
        writer.write(episodeReturn)
        writer.write(episodeModeHits)
        writer.write(metrics)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("tabular-world")
        let digest = try reader.readUInt64()
        guard digest == configurationDigest else {
            throw CheckpointError.mismatch("the world's tables, sizes or policies differ from the checkpointed run's")
        }
        let states = try reader.readBytes(), histogram = try reader.readInts()
        guard states.count == population.count, histogram.count == game.localStates,
              histogram.reduce(0, +) == states.count, states.allSatisfy({ Int($0) < game.localStates }) else {
            throw CheckpointError.corrupt("the population does not fit \(population.count) agents over \(game.localStates) states")
        }
        var tally = [Int](repeating: 0, count: game.localStates)
        for s in states { tally[Int(s)] += 1 }
        guard tally == histogram else { throw CheckpointError.corrupt("the population histogram does not count the agents' states") }
        let globalState = try reader.readInt(in: 0...(game.globalStates - 1), "the global state")
        let globalAction = try reader.readInt(in: 0...(game.globalActions - 1), "the global action")
        let counts = try reader.readInts("the sampled counts", count: game.localStates, in: 0...config.k)
        guard [0, config.k].contains(counts.reduce(0, +)) else { throw CheckpointError.corrupt("the sampled counts do not add up to k = \(config.k)") }
        let episode = try reader.readInt(in: -1...Int(Int32.max), "the episode")
        var episodeReturn = self.episodeReturn, metrics = self.metrics
        try reader.read(into: &episodeReturn)
        let hits = try reader.readInt(in: 0...episodeReturn.steps, "the episode's mode hits")
        try reader.read(into: &metrics)
        population.states = states
        population.setHistogram(histogram)
        (self.globalState, self.globalAction, self.counts, self.episode) = (globalState, globalAction, counts, episode)
        (self.episodeReturn, episodeModeHits, self.metrics) = (episodeReturn, hits, metrics)
    }
}
