import Engine

extension RobotsContinuousWorld: CheckpointableState {
    /// Everything fixed for the run, as one value: the robots' constants, n, k, γ, the observation bins
    /// and both policies (the global one by kind).
    struct Configuration: Encodable {
        let robots: RobotsContinuousDynamics
        let agents: Int, k: Int, gamma: Double, observationBins: Int
        let globalPolicy: String
        let localRule: RobotsContinuousLocalRule
    }

    /// A policy in another process keeps state no checkpoint can hold.
    public var checkpointRefusal: String? { globalPolicy.checkpointRefusal ?? localPopulation?.checkpointRefusal }

    /// The digest of ``Configuration``.
    public var configurationDigest: UInt64 {
        StateDigest.ofConfiguration(Configuration(robots: robots, agents: agents, k: k, gamma: gamma, observationBins: observationBins,
                                                  globalPolicy: globalPolicy.kind, localRule: localRule))
    }

    /// The configuration's digest, then ``state``.
    public func save(into writer: inout StateWriter) {
        writer.writeWorldState(state, section: "robots-world", configurationDigest: configurationDigest)
    }

    /// Reads a ``State`` and accepts it only if this run could have produced it: n finite positions and
    /// s_g within [lower, upper] (binning a value outside would trap), a_g a target, the counts holding k
    /// and the histogram n (or nothing before the first episode), the mode hits within the episode's
    /// steps, consistent metrics. Nothing changes when it throws.
    public mutating func restore(from reader: inout StateReader) throws {
        state = try reader.readWorldState(State.self, section: "robots-world", configurationDigest: configurationDigest,
                                          differs: "the robots, sizes or policies", check: check)
    }

    private func check(_ s: State) throws {
        let domain = robots.lower...robots.upper
        try StateReader.check(s.positions, "the robots' positions", count: agents)
        guard s.positions.allSatisfy(domain.contains) else { throw CheckpointError.corrupt("a robot's position lies outside \(domain)") }
        guard s.globalState.isFinite, domain.contains(s.globalState) else {
            throw CheckpointError.corrupt("the global state is \(s.globalState), outside \(domain)")
        }
        try StateReader.require(s.globalAction, in: 0...(robots.targets.count - 1), "the global action")
        guard s.counts.count == observationBins, s.counts.allSatisfy({ (0...k).contains($0) }),
              s.populationHistogram.count == robots.observationBins, s.populationHistogram.allSatisfy({ (0...agents).contains($0) }),
              [0, k].contains(s.counts.reduce(0, +)), [0, agents].contains(s.populationHistogram.reduce(0, +)) else {
            throw CheckpointError.corrupt("the counts do not add up to k = \(k) or the histogram to n = \(agents)")
        }
        try StateReader.require(s.episode, in: -1...Int(Int32.max), "the episode")
        try s.episodeReturn.check(gamma: gamma, "the episode's return")
        try StateReader.require(s.episodeModeHits, in: 0...s.episodeReturn.steps, "the episode's mode hits")
        try s.metrics.check(against: state.metrics)
    }
}
