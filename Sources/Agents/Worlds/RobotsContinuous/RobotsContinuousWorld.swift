import Engine

/// The continuous-robots world of the module README, "Continuous robots", stepped by engine events like
/// ``TabularWorld``:
///
/// * `worldTick` (every `horizon` ticks): a new episode — s_g uniform on [lower, upper], robots from
///   the two clusters (55/45);
/// * `globalObserve`: the global agent samples k of n robots and bins them into a histogram;
/// * `globalStep`: a_g = π_g(bin(s_g), histogram);
/// * `policyStep`: every a_i, the reward with the current states, then s_g', then each s_i'.
///
/// Positions are one `[Double]` (struct-of-arrays); one event steps the whole population. Randomness
/// is keyed by purpose — `initial` (episode starts), `subsample`, `policy` (a_g, a_i), `world` (the
/// noise of s_g' and s_i') — so two policies under one seed see the same starts and the same noise.
public struct RobotsContinuousWorld: SimulationModel {
    /// The task's constants and equations.
    public let robots: RobotsContinuousDynamics
    /// n, k, γ.
    public let agents: Int, k: Int, gamma: Double
    /// π_g over (bin of s_g, histogram of the k sampled robots over `observationBins` bins).
    public let globalPolicy: any GlobalPolicy
    /// Bins of π_g's observation: ``RobotsContinuousDynamics/observationBins`` for `mode-dispatch`/`random`,
    /// the abstraction's bins for a learned table.
    public let observationBins: Int
    /// π_l.
    public let localRule: RobotsContinuousLocalRule
    /// When set, the robots' moves come from it, one call per population step with every position,
    /// instead of from ``localRule`` (an external local population).
    public var localPopulation: (any LocalPolicy<Double, Double>)?
    /// Everything the world changes while it runs (what a checkpoint saves).
    public internal(set) var state: State
    /// s_i.
    public var positions: [Double] { state.positions }
    /// s_g.
    public var globalState: Double { state.globalState }
    /// a_g chosen at the last `globalStep`.
    public var globalAction: Int { state.globalAction }
    /// Histogram of the last k-subsample over ``observationBins``.
    public var counts: [Int] { state.counts }
    /// Histogram of the whole population over ``RobotsContinuousDynamics/observationBins`` (for mode accuracy).
    public var populationHistogram: [Int] { state.populationHistogram }
    /// The current episode, -1 before the first.
    public var episode: Int { state.episode }
    /// Per-episode results and the per-step reward series.
    public var metrics: TabularMetrics { state.metrics }
    /// Whether the positions before each population step are kept, so that ``lastStep(of:)`` can tell a
    /// robot's last move and reward (`sim step`). Changes no result.
    public var recordsLastStep = false
    /// Robots whose positions, moves and local rewards every traced `policyStep` line carries
    /// (clipped to the population). Changes no result.
    public var tracedAgents: ClosedRange<Int>?
    /// What the last population step started from, when ``recordsLastStep`` is on.
    var previousStep: PreviousStep?

    private let initialStream: RandomStream, subsampleStream: RandomStream
    let policyStream: RandomStream, worldStream: RandomStream
    private var sampler: SubsampleSampler

    /// - Precondition: `1 <= k <= agents`; the global policy's actions index ``RobotsContinuousDynamics/targets``;
    ///   the local rule was made for `robots`.
    public init(robots: RobotsContinuousDynamics, agents: Int, k: Int, gamma: Double,
                globalPolicy: any GlobalPolicy, observationBins: Int, localRule: RobotsContinuousLocalRule, seed: UInt64) {
        precondition(localRule.robots == robots, "the local rule was made for other robots")
        self.robots = robots
        self.agents = agents
        self.k = k
        self.gamma = gamma
        self.globalPolicy = globalPolicy
        self.observationBins = observationBins
        self.localRule = localRule
        state = State(agents: agents, observationBins: observationBins, robots: robots, gamma: gamma)
        initialStream = RandomStream(seed: seed, .initial)
        subsampleStream = RandomStream(seed: seed, .subsample)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        sampler = SubsampleSampler(k: k, n: agents)
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
        state.metrics.addEpisode(discountedReturn: state.episodeReturn.value,
                           modeAccuracy: Double(state.episodeModeHits) / Double(state.episodeReturn.steps))
        state.episodeReturn = DiscountedReturn(gamma: gamma)
        state.episodeModeHits = 0
    }

    /// The modal bin of the population histogram (lowest on ties).
    public var populationMode: Int { ModeDispatchPolicy.mode(of: populationHistogram) }

    private mutating func startEpisode(context: inout EventContext) throws {
        finishEpisode()
        state.episode += 1
        try globalPolicy.episodeStarted(episode)
        try localPopulation?.episodeStarted(episode)
        var cell = initialStream.generator(agent: -1, step: episode)
        state.globalState = robots.lower + (robots.upper - robots.lower) * cell.uniform()
        let flip = robots.randomMajority && cell.uniform() < 0.5
        let centers = flip ? robots.clusterCenters.reversed() : robots.clusterCenters
        for i in 0..<agents {
            var agentCell = initialStream.generator(agent: i, step: episode)
            let center = agentCell.uniform() < robots.majorityShare ? centers[0] : centers[1]
            state.positions[i] = robots.clip(center + robots.clusterSpread * agentCell.normal())
        }
        recountPopulation()
        context.note("episode", .int(episode))
        context.note("globalState", .double(globalState))
        context.note("histogram", .ints(populationHistogram))
        // The global agent starts each episode with an observation, so a_g never uses stale counts.
        observe(step: -1 - episode, context: &context)
    }

    private mutating func recountPopulation() {
        for b in state.populationHistogram.indices { state.populationHistogram[b] = 0 }
        for s in state.positions { state.populationHistogram[robots.bin(s, bins: robots.observationBins)] += 1 }
    }

    private mutating func observe(step: Int, context: inout EventContext) {
        var cell = subsampleStream.generator(agent: -1, step: step)
        sampler.draw(using: &cell)
        for b in state.counts.indices { state.counts[b] = 0 }
        for i in sampler.sample { state.counts[robots.bin(positions[i], bins: observationBins)] += 1 }
        context.note("counts", .ints(counts))
    }

    private mutating func decide(context: inout EventContext) throws {
        var cell = policyStream.generator(agent: -1, step: context.occurrence)
        state.globalAction = try globalPolicy.decide(globalState: robots.bin(globalState, bins: observationBins),
                                               counts: counts, step: context.occurrence, random: &cell)
        context.note("globalState", .double(globalState))
        context.note("action", .int(globalAction))
    }

    /// One step in the module README's order: every a_i, the reward with the current states, s_g', each s_i'.
    private mutating func stepPopulation(context: inout EventContext) throws {
        let sg = globalState, step = context.occurrence, tau = robots.targets[globalAction]
        if recordsLastStep { previousStep = PreviousStep(positions: positions, globalState: sg, step: step) }
        let traced = context.isTraced ? tracedAgents?.clamped(to: 0...(positions.count - 1)) : nil
        let tracedBefore = traced.map { Array(positions[$0]) }
        let robots = self.robots, rule = localRule, policyStream = self.policyStream, worldStream = self.worldStream
        var localSum = 0.0
        // An external population answers every robot's move at once (before any position changes).
        let chosen = try localPopulation?.actions(states: positions, globalState: sg, step: step, stream: policyStream)
        state.positions.withUnsafeMutableBufferPointer { states in
            for i in states.indices {
                let s = states[i]
                let move: Int
                if let chosen { move = Int(chosen[i]) } else {
                    var pr = policyStream.generator(agent: i, step: step)
                    move = rule.action(s, global: sg, random: &pr)
                }
                let delta = robots.localMoves[move]
                localSum += robots.localReward(s, global: sg, move: delta)
                var wr = worldStream.generator(agent: i, step: step)
                states[i] = robots.nextLocal(s, move: delta, normal: wr.normal())
            }
        }
        let reward = robots.globalReward(sg, target: tau) + localSum / Double(agents)
        if robots.bin(sg, bins: robots.observationBins) == populationMode { state.episodeModeHits += 1 }
        state.episodeReturn.add(reward)
        state.metrics.recordStep(reward: reward, at: context.now)
        try globalPolicy.observe(reward: reward, step: step)
        try localPopulation?.observe(reward: reward, step: step)
        var cell = worldStream.generator(agent: -1, step: step)
        state.globalState = robots.nextGlobal(sg, target: tau, normal: cell.normal())
        recountPopulation()
        context.note("reward", .double(reward))
        context.note("globalState", .double(globalState))
        context.note("histogram", .ints(populationHistogram))
        if let traced, let tracedBefore {
            noteAgents(traced, before: tracedBefore, globalState: sg, step: step, context: &context)
        }
    }
}

