import Engine

/// Synchronous rounds: one `globalObserve` starts a round, one
/// `globalStep` ends it; per-client arrival times are drawn at the start and only decide when the
/// round ends and which clients make the deadline.
extension FedOptWorld {
    /// Samples k clients, runs their jobs from w, and schedules the round's end.
    mutating func startRound(context: inout EventContext) throws {
        guard case .sync(var current) = rounds else { return }
        // Taken out while it changes, so its arrays are mutated in place rather than copied.
        state.rounds = .sync(FedOptSyncRound(dimension: 0))
        defer { state.rounds = .sync(current) }
        let step = key(round)
        var cell = subsampleStream.generator(agent: -1, step: step)
        sampler.draw(using: &cell)
        let deadline: SimTime?
        if case .sync(let d) = config.mode { deadline = d } else { deadline = nil }
        let excess = excessLoss
        for j in current.sum.indices { current.sum[j] = 0 }
        current.losses.removeAll(keepingCapacity: true)
        current.accepted = 0
        var slowest: SimTime = 0
        // Every sampled client's step size in one decision (one message for an external policy).
        let (stepSizes, losses) = try localSteps(clients: sampler.sample, step: step, excessLoss: excess)
        for (i, client) in sampler.sample.enumerated() {
            let stepSize = stepSizes[i]
            current.losses.append(losses[i])
            let arrival = jobTime(client: client, step: step)
            slowest = max(slowest, arrival)
            // A client still working at the deadline is told to stop: its update is never sent.
            if let deadline, arrival > deadline { continue }
            problem.addUpdate(client: client, from: model, stepSize: stepSize, steps: config.localSteps, into: &current.sum)
            current.accepted += 1
        }
        state.messages += sampler.sample.count + current.accepted
        let length = deadline.map { min($0, slowest) } ?? slowest
        context.schedule(.globalStep, after: length, generation: generation)
        context.note("clients", .ints(sampler.sample))
        context.note("accepted", .int(current.accepted))
        context.note("roundTime", .double(length))
    }

    /// Applies w ← w + η_g · mean(updates received) and starts the next round.
    mutating func finishRound(context: inout EventContext) throws {
        guard case .sync(let current) = rounds else { return }
        let rate = try serverRate(clientLosses: current.losses, step: key(round))
        let mean = current.sum.map { $0 / Double(max(current.accepted, 1)) }
        try apply(mean, serverRate: rate, context: &context)
        context.note("accepted", .int(current.accepted))
        context.schedule(.globalObserve, after: 0, generation: generation)
    }
}
