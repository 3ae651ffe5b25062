import Engine

extension TabularWorld: CheckpointableState {
    /// Everything fixed for the run, as one value: the tables, n, k, γ, horizon, μ_0 (all of
    /// ``TabularGame`` and ``TabularWorldConfig``), the global policy's kind and the local table.
    struct Configuration: Encodable {
        let game: TabularGame
        let config: TabularWorldConfig
        let globalPolicy: String
        let localPolicy: LocalPolicyTable
    }

    /// A policy in another process keeps state no checkpoint can hold.
    public var checkpointRefusal: String? {
        globalPolicy.checkpointRefusal ?? localPopulation?.checkpointRefusal
    }

    /// The digest of ``Configuration``: a checkpoint is refused by a world built differently (an
    /// edited tables file, another policy), including by a setting added to the configuration later.
    public var configurationDigest: UInt64 {
        StateDigest.ofConfiguration(Configuration(game: game, config: config, globalPolicy: globalPolicy.kind, localPolicy: localPolicy))
    }

    /// The configuration's digest, then ``state``.
    public func save(into writer: inout StateWriter) {
        writer.writeWorldState(state, section: "tabular-world", configurationDigest: configurationDigest)
    }

    /// Reads a ``State`` and accepts it only if this run could have produced it: the population fits n
    /// agents over |S_l| states and its histogram counts them, s_g and a_g are in range, the counts
    /// hold k (or nothing, before the first observation), the mode hits do not exceed the episode's
    /// steps, and the metrics are consistent. Nothing changes when it throws.
    public mutating func restore(from reader: inout StateReader) throws {
        state = try reader.readWorldState(State.self, section: "tabular-world", configurationDigest: configurationDigest,
                                          differs: "the world's tables, sizes or policies", check: check)
    }

    private func check(_ s: State) throws {
        let n = config.agents, localStates = game.localStates
        let states = s.population.states, histogram = s.population.histogram
        guard states.count == n, histogram.count == localStates, histogram.reduce(0, +) == n,
              states.allSatisfy({ Int($0) < localStates }) else {
            throw CheckpointError.corrupt("the population does not fit \(n) agents over \(localStates) states")
        }
        var tally = [Int](repeating: 0, count: localStates)
        for x in states { tally[Int(x)] += 1 }
        guard tally == histogram else { throw CheckpointError.corrupt("the population histogram does not count the agents' states") }
        try StateReader.require(s.globalState, in: 0...(game.globalStates - 1), "the global state")
        try StateReader.require(s.globalAction, in: 0...(game.globalActions - 1), "the global action")
        guard s.counts.count == localStates, s.counts.allSatisfy({ (0...config.k).contains($0) }),
              [0, config.k].contains(s.counts.reduce(0, +)) else {
            throw CheckpointError.corrupt("the sampled counts do not hold k = \(config.k) agents over \(localStates) states")
        }
        try StateReader.require(s.episode, in: -1...Int(Int32.max), "the episode")
        try s.episodeReturn.check(gamma: config.gamma, "the episode's return")
        try StateReader.require(s.episodeModeHits, in: 0...s.episodeReturn.steps, "the episode's mode hits")
        try s.metrics.check(against: state.metrics)
    }
}
