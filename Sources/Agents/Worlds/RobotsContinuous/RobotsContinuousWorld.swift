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
    /// s_i.
    public private(set) var positions: [Double]
    /// s_g.
    public private(set) var globalState = 0.0
    /// a_g chosen at the last `globalStep`.
    public private(set) var globalAction = 0
    /// Histogram of the last k-subsample over ``observationBins``.
    public private(set) var counts: [Int]
    /// Histogram of the whole population over ``RobotsContinuousDynamics/observationBins`` (for mode accuracy).
    public private(set) var populationHistogram: [Int]
    /// The current episode, -1 before the first.
    public private(set) var episode = -1
    /// Per-episode results and the per-step reward series.
    public private(set) var metrics = TabularMetrics(modeAccuracyDefined: true)
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
    private var episodeReturn: DiscountedReturn
    private var episodeModeHits = 0

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
        positions = [Double](repeating: 0, count: agents)
        counts = [Int](repeating: 0, count: observationBins)
        populationHistogram = [Int](repeating: 0, count: robots.observationBins)
        initialStream = RandomStream(seed: seed, .initial)
        subsampleStream = RandomStream(seed: seed, .subsample)
        policyStream = RandomStream(seed: seed, .policy)
        worldStream = RandomStream(seed: seed, .world)
        sampler = SubsampleSampler(k: k, n: agents)
        episodeReturn = DiscountedReturn(gamma: gamma)
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
        metrics.addEpisode(discountedReturn: episodeReturn.value,
                           modeAccuracy: Double(episodeModeHits) / Double(episodeReturn.steps))
        episodeReturn = DiscountedReturn(gamma: gamma)
        episodeModeHits = 0
    }

    /// The modal bin of the population histogram (lowest on ties).
    public var populationMode: Int { ModeDispatchPolicy.mode(of: populationHistogram) }

    private mutating func startEpisode(context: inout EventContext) throws {
        finishEpisode()
        episode += 1
        try globalPolicy.episodeStarted(episode)
        var cell = initialStream.generator(agent: -1, step: episode)
        globalState = robots.lower + (robots.upper - robots.lower) * cell.uniform()
        let flip = robots.randomMajority && cell.uniform() < 0.5
        let centers = flip ? robots.clusterCenters.reversed() : robots.clusterCenters
        for i in 0..<agents {
            var agentCell = initialStream.generator(agent: i, step: episode)
            let center = agentCell.uniform() < robots.majorityShare ? centers[0] : centers[1]
            positions[i] = robots.clip(center + robots.clusterSpread * agentCell.normal())
        }
        recountPopulation()
        context.note("episode", .int(episode))
        context.note("globalState", .double(globalState))
        context.note("histogram", .ints(populationHistogram))
        // The global agent starts each episode with an observation, so a_g never uses stale counts.
        observe(step: -1 - episode, context: &context)
    }

    private mutating func recountPopulation() {
        for b in populationHistogram.indices { populationHistogram[b] = 0 }
        for s in positions { populationHistogram[robots.bin(s, bins: robots.observationBins)] += 1 }
    }

    private mutating func observe(step: Int, context: inout EventContext) {
        var cell = subsampleStream.generator(agent: -1, step: step)
        sampler.draw(using: &cell)
        for b in counts.indices { counts[b] = 0 }
        for i in sampler.sample { counts[robots.bin(positions[i], bins: observationBins)] += 1 }
        context.note("counts", .ints(counts))
    }

    private mutating func decide(context: inout EventContext) throws {
        var cell = policyStream.generator(agent: -1, step: context.occurrence)
        globalAction = try globalPolicy.decide(globalState: robots.bin(globalState, bins: observationBins),
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
        positions.withUnsafeMutableBufferPointer { states in
            for i in states.indices {
                let s = states[i]
                var pr = policyStream.generator(agent: i, step: step)
                let delta = robots.localMoves[rule.action(s, global: sg, random: &pr)]
                localSum += robots.localReward(s, global: sg, move: delta)
                var wr = worldStream.generator(agent: i, step: step)
                states[i] = robots.nextLocal(s, move: delta, normal: wr.normal())
            }
        }
        let reward = robots.globalReward(sg, target: tau) + localSum / Double(agents)
        if robots.bin(sg, bins: robots.observationBins) == populationMode { episodeModeHits += 1 }
        episodeReturn.add(reward)
        metrics.recordStep(reward: reward, at: context.now)
        try globalPolicy.observe(reward: reward, step: step)
        var cell = worldStream.generator(agent: -1, step: step)
        globalState = robots.nextGlobal(sg, target: tau, normal: cell.normal())
        recountPopulation()
        context.note("reward", .double(reward))
        context.note("globalState", .double(globalState))
        context.note("histogram", .ints(populationHistogram))
        if let traced, let tracedBefore {
            noteAgents(traced, before: tracedBefore, globalState: sg, step: step, context: &context)
        }
    }
}

extension RobotsContinuousWorld: CheckpointableState {
    /// A policy in another process keeps state no checkpoint can hold.
    public var checkpointRefusal: String? {
        globalPolicy.checkpointRefusal
    }

    /// The robots' parameters, n, k, γ, the bins and both policies, as a digest.
    public var configurationDigest: UInt64 {
        var d = StateDigest()
        d.add("\(robots)")
        for x in [agents, k, observationBins] { d.add(x) }
        d.add(gamma)
        d.add(globalPolicy.kind)
        d.add("\(localRule)")
        return d.value
    }

    /// Positions, s_g, a_g, the last counts, the population histogram, the episode with its running
    /// return, and the metrics (the subsampler's scratch is not state).
    public func save(into writer: inout StateWriter) {
        writer.section("robots-world")
        writer.write(configurationDigest)
        writer.write(positions)
        writer.write(globalState)
        writer.write(globalAction)
        writer.write(counts)
        writer.write(populationHistogram)
        writer.write(episode)
        writer.write(episodeReturn)
        writer.write(episodeModeHits)
        writer.write(metrics)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("robots-world")
        guard try reader.readUInt64() == configurationDigest else {
            throw CheckpointError.mismatch("the robots, sizes or policies differ from the checkpointed run's")
        }
        // Positions and s_g stay clipped to [lower, upper]; binning a value outside would trap.
        let domain = robots.lower...robots.upper
        let x = try reader.readFiniteDoubles("the robots' positions", count: positions.count)
        guard x.allSatisfy(domain.contains) else { throw CheckpointError.corrupt("a robot's position lies outside \(domain)") }
        positions = x
        globalState = try reader.readFinite("the global state", in: domain)
        globalAction = try reader.readInt(in: 0...(robots.targets.count - 1), "the global action")
        counts = try reader.readInts("the sampled counts", count: observationBins, in: 0...k)
        populationHistogram = try reader.readInts("the population histogram", count: observationBins, in: 0...agents)
        guard [0, k].contains(counts.reduce(0, +)), [0, agents].contains(populationHistogram.reduce(0, +)) else {
            throw CheckpointError.corrupt("the counts do not add up to k = \(k) or the histogram to n = \(agents)")
        }
        episode = try reader.readInt(in: -1...Int(Int32.max), "the episode")
        try reader.read(into: &episodeReturn)
        episodeModeHits = try reader.readInt(in: 0...episodeReturn.steps, "the episode's mode hits")
        try reader.read(into: &metrics)
    }
}
