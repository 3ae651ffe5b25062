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
    /// Everything the world changes while it runs (what a checkpoint saves).
    public internal(set) var state: State
    /// The local agents.
    public var population: TabularPopulation { state.population }
    /// s_g.
    public var globalState: Int { state.globalState }
    /// a_g chosen at the last `globalStep`.
    public var globalAction: Int { state.globalAction }
    /// Counts of the last k-subsample, by local state.
    public var counts: [Int] { state.counts }
    /// The current episode, -1 before the first.
    public var episode: Int { state.episode }
    /// Per-episode results and the per-step reward series.
    public var metrics: TabularMetrics { state.metrics }
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

    /// - Precondition: the policies match the game's shape; `1 <= k <= agents`.
    public init(game: TabularGame, config: TabularWorldConfig, globalPolicy: any GlobalPolicy,
                localPolicy: LocalPolicyTable, seed: UInt64) {
        self.game = game
        self.config = config
        self.globalPolicy = globalPolicy
        self.localPolicy = localPolicy
        state = State(game: game, config: config)
        kernel = TabularStepKernel(game: game, localPolicy: localPolicy, seed: seed)
        globalCumulative = TabularStepKernel.cumulativeRows(game.globalTransition, width: game.globalStates)
        initialStream = RandomStream(seed: seed, .initial)
        subsampleStream = RandomStream(seed: seed, .subsample)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        sampler = SubsampleSampler(k: config.k, n: config.agents)
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
        guard episode >= 0, state.episodeReturn.steps > 0 else { return }
        ghosts?.finishEpisode()
        state.metrics.addEpisode(discountedReturn: state.episodeReturn.value,
                           modeAccuracy: Double(state.episodeModeHits) / Double(state.episodeReturn.steps))
        state.episodeReturn = DiscountedReturn(gamma: config.gamma)
        state.episodeModeHits = 0
    }

    private mutating func startEpisode(context: inout EventContext) throws {
        finishEpisode()
        state.episode += 1
        try globalPolicy.episodeStarted(episode)
        try localPopulation?.episodeStarted(episode)
        var cell = initialStream.generator(agent: -1, step: episode)
        state.globalState = cell.int(below: game.globalStates)
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
            state.population.states[i] = UInt8(truncatingIfNeeded: s)
            histogram[s] += 1
        }
        state.population.setHistogram(histogram)
        let episode = state.episode
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
        for j in state.counts.indices { state.counts[j] = 0 }
        for i in sampler.sample { state.counts[Int(population.states[i])] += 1 }
        context.note("counts", .ints(counts))
    }

    private mutating func decide(context: inout EventContext) throws {
        var cell = policyStream.generator(agent: -1, step: context.occurrence)
        let seen = globalPolicy.observesPopulation ? population.histogram : counts
        state.globalAction = try globalPolicy.decide(globalState: globalState, counts: seen, step: context.occurrence,
                                               episodeStep: state.episodeReturn.steps, random: &cell)
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
        ghosts?.step(episodeStep: state.episodeReturn.steps, globalState: sg, nextGlobal: next, step: step)
        var localSum = 0.0
        for s in 0..<game.localStates {
            for a in 0..<game.localActions {
                localSum += Double(tally.stateActionCounts[s * game.localActions + a]) * game.rewardLocal(s, sg, a)
            }
        }
        let reward = game.rewardGlobal(sg, globalAction) + localSum / Double(population.count)
        if sg == population.mode { state.episodeModeHits += 1 }
        state.episodeReturn.add(reward)
        state.metrics.recordStep(reward: reward, at: context.now)
        try globalPolicy.observe(reward: reward, step: step)
        try localPopulation?.observe(reward: reward, step: step)
        state.population.setHistogram(tally.nextHistogram)
        state.globalState = next
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
        state.population.states.withUnsafeMutableBufferPointer { states in
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
            state.population.states.withUnsafeMutableBufferPointer { states in
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

