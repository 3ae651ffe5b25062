import Engine

/// Synchronous rounds: one `globalObserve` starts a round, one
/// `globalStep` ends it; per-client arrival times are drawn at the start and only decide when the
/// round ends and which clients make the deadline.
extension FedOptWorld {
    /// Samples k clients, runs their jobs from w, and schedules the round's end.
    mutating func startRound(context: inout EventContext) {
        guard case .sync(var state) = rounds else { return }
        // Taken out while it changes, so its arrays are mutated in place rather than copied.
        rounds = .sync(FedOptSyncRound(dimension: 0))
        defer { rounds = .sync(state) }
        let step = key(round)
        var cell = subsampleStream.generator(agent: -1, step: step)
        sampler.draw(using: &cell)
        let deadline: SimTime?
        if case .sync(let d) = config.mode { deadline = d } else { deadline = nil }
        let excess = excessLoss
        for j in state.sum.indices { state.sum[j] = 0 }
        state.losses.removeAll(keepingCapacity: true)
        state.accepted = 0
        var slowest: SimTime = 0
        for client in sampler.sample {
            let (stepSize, loss) = localStep(client: client, step: step, excessLoss: excess)
            state.losses.append(loss)
            let arrival = jobTime(client: client, step: step)
            slowest = max(slowest, arrival)
            // A client still working at the deadline is told to stop: its update is never sent.
            if let deadline, arrival > deadline { continue }
            problem.addUpdate(client: client, from: model, stepSize: stepSize, steps: config.localSteps, into: &state.sum)
            state.accepted += 1
        }
        messages += sampler.sample.count + state.accepted
        let length = deadline.map { min($0, slowest) } ?? slowest
        context.schedule(.globalStep, after: length, generation: generation)
        context.note("clients", .ints(sampler.sample))
        context.note("accepted", .int(state.accepted))
        context.note("roundTime", .double(length))
    }

    /// Applies w ← w + η_g · mean(updates received) and starts the next round.
    mutating func finishRound(context: inout EventContext) {
        guard case .sync(let state) = rounds else { return }
        let rate = serverRate(clientLosses: state.losses, step: key(round))
        let mean = state.sum.map { $0 / Double(max(state.accepted, 1)) }
        apply(mean, serverRate: rate, context: &context)
        context.note("accepted", .int(state.accepted))
        context.schedule(.globalObserve, after: 0, generation: generation)
    }
}
