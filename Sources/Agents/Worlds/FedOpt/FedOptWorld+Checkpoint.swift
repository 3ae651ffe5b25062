import Engine

extension FedOptWorld: CheckpointableState {
    /// Everything fixed for the run, as one value (the clients are rebuilt from the scenario's seed):
    /// the clients' objectives and speeds, the clocks, k, E, the mode and target, the policy's kind and
    /// the episode length.
    struct Configuration: Encodable {
        let problem: FedOptProblem
        let speeds: [Double]
        let timing: FedOptTiming
        let config: FedOptConfig
        let policy: String
        let episodeLength: SimTime
    }

    /// A policy in another process keeps state no checkpoint can hold.
    public var checkpointRefusal: String? { policy.checkpointRefusal }

    /// The digest of ``Configuration``.
    public var configurationDigest: UInt64 {
        StateDigest.ofConfiguration(Configuration(problem: problem, speeds: speeds, timing: timing, config: config, policy: policy.kind,
                                                  episodeLength: episodeLength))
    }

    /// The configuration's digest, then ``state``.
    public func save(into writer: inout StateWriter) {
        writer.writeWorldState(state, section: "fedopt-world", configurationDigest: configurationDigest)
    }

    /// Reads a ``State`` and accepts it only if this run could have produced it: a finite d-vector
    /// model, counters in range, consistent metrics, and round state of this world's mode that fits n
    /// clients in d dimensions. Nothing changes when it throws.
    public mutating func restore(from reader: inout StateReader) throws {
        state = try reader.readWorldState(State.self, section: "fedopt-world", configurationDigest: configurationDigest,
                                          differs: "the clients, timing or policy", check: check)
    }

    public var scheduledKinds: [EventKind] { [Self.clientUpload, .globalObserve, .globalStep] }

    private func check(_ s: State) throws {
        let d = problem.dimension
        try StateReader.check(s.model, "the global model", count: d)
        try StateReader.require(s.round, in: 0...Int(Int32.max), "the round")
        try StateReader.require(s.episode, in: -1...Int(Int32.max), "the episode")
        try s.metrics.check(against: state.metrics)
        guard s.episodeStart.isFinite, s.episodeStart >= 0 else { throw CheckpointError.corrupt("the episode start is \(s.episodeStart)") }
        try StateReader.require(s.messages, in: 0...(1 << 53), "the message count")
        guard s.targetTime.isFinite else { throw CheckpointError.corrupt("the time to target is \(s.targetTime)") }
        try StateReader.require(s.targetRounds, in: 0...Int(Int32.max), "the rounds to target")
        switch (config.mode, s.rounds) {
        case (.sync, .sync(let round)): try check(round)
        case (.async(let size, _), .async(let jobs)): try check(jobs, buffer: size, episode: s.episode, round: s.round)
        default: throw CheckpointError.mismatch("the checkpointed rounds are of the other aggregation mode")
        }
    }

    private func check(_ round: FedOptSyncRound) throws {
        let k = config.clientsPerRound
        try StateReader.check(round.sum, "the round's summed updates", count: problem.dimension)
        try StateReader.require(round.accepted, in: 0...k, "the round's accepted updates")
        try StateReader.check(round.losses, "the round's losses")
        guard round.losses.count <= k else { throw CheckpointError.corrupt("the round has \(round.losses.count) losses, more than k = \(k)") }
    }

    private func check(_ jobs: FedOptAsyncJobs, buffer size: Int, episode: Int, round: Int) throws {
        let n = problem.clients, d = problem.dimension, k = config.clientsPerRound
        guard jobs.idle.allSatisfy({ (0..<n).contains($0) }), Set(jobs.idle).count == jobs.idle.count else {
            throw CheckpointError.corrupt("the idle clients are not distinct clients of \(n)")
        }
        guard jobs.sentVersion.count == n, jobs.sentVersion.allSatisfy({ (0...Int(Int32.max)).contains($0) }) else {
            throw CheckpointError.corrupt("the clients' model versions do not fit \(n) clients")
        }
        try StateReader.check(jobs.pendingUpdates, "the pending updates", count: n * d)
        try StateReader.check(jobs.pendingLoss, "the pending losses", count: n)
        try StateReader.check(jobs.buffer, "the aggregation buffer", count: d)
        try StateReader.check(jobs.bufferLosses, "the buffered losses")
        try StateReader.require(jobs.jobs, in: 0...Int(Int32.max), "the job count")
        // Asynchronous mode keeps k clients working: n − k idle once an episode has started.
        guard episode >= 0 else { return }
        guard jobs.idle.count == n - k, jobs.bufferLosses.count < size else {
            throw CheckpointError.corrupt("\(jobs.idle.count) idle clients and \(jobs.bufferLosses.count) buffered updates, expected \(n - k) and fewer than \(size)")
        }
        // A working client took a model of this episode (idle ones may keep an older episode's version).
        let idle = Set(jobs.idle)
        guard (0..<n).allSatisfy({ idle.contains($0) || jobs.sentVersion[$0] <= round }) else {
            throw CheckpointError.corrupt("a working client holds a model version after the round \(round)")
        }
    }
}
