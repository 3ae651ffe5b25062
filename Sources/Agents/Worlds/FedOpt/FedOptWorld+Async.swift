import Engine
import Foundation

/// Buffered asynchronous aggregation: k clients
/// work at once, each upload is its own `clientUpload` event at the client's arrival time.
extension FedOptWorld {
    /// Runs `body` on the asynchronous jobs, taken out of ``rounds`` meanwhile so that their arrays
    /// (n·d pending updates) are mutated in place rather than copied.
    private mutating func updatingJobs(_ body: (inout Self, inout FedOptAsyncJobs) throws -> Void) rethrows {
        guard case .async(var jobs) = rounds else { return }
        state.rounds = .async(FedOptAsyncJobs(clients: 0, dimension: 0))
        defer { state.rounds = .async(jobs) }
        try body(&self, &jobs)
    }

    /// Marks every client idle and starts k jobs from w = 0; the trace lists them in one `started` array.
    mutating func startAsync(context: inout EventContext) throws {
        try updatingJobs { world, jobs in
            jobs.idle = Array(0..<world.problem.clients)
            for j in jobs.buffer.indices { jobs.buffer[j] = 0 }
            jobs.bufferLosses.removeAll(keepingCapacity: true)
            jobs.jobs = 0
            let started = try (0..<world.config.clientsPerRound).map { _ in try world.startJob(&jobs, context: &context) }
            context.note("started", .ints(started))
        }
    }

    /// Starts a job on a uniformly chosen idle client from the current model: its update is computed
    /// now (the client works on this model version) and its upload is scheduled at its arrival time.
    /// Returns the client, for the caller's trace note (one note per event, so keys never repeat).
    private mutating func startJob(_ jobs: inout FedOptAsyncJobs, context: inout EventContext) throws -> Int {
        let step = key(jobs.jobs)
        jobs.jobs += 1
        var cell = subsampleStream.generator(agent: -1, step: step)
        let slot = cell.int(below: jobs.idle.count)
        let client = jobs.idle[slot]
        jobs.idle.swapAt(slot, jobs.idle.count - 1)
        jobs.idle.removeLast()
        let (stepSizes, losses) = try localSteps(clients: [client], step: step, excessLoss: excessLoss)
        let stepSize = stepSizes[0], loss = losses[0]
        let d = problem.dimension
        var update = [Double](repeating: 0, count: d)
        problem.addUpdate(client: client, from: model, stepSize: stepSize, steps: config.localSteps, into: &update)
        jobs.pendingUpdates.replaceSubrange(client * d..<(client + 1) * d, with: update)
        jobs.pendingLoss[client] = loss
        jobs.sentVersion[client] = round
        state.messages += 1
        context.schedule(Self.clientUpload, after: jobTime(client: client, step: step), agent: Int32(client), generation: generation)
        return client
    }

    /// Buffers `client`'s update with weight (1 + τ)^(-a), τ = aggregations since it took its model;
    /// aggregates w ← w + η_g · (1/K) Σ_j (1 + τ_j)^(-a) Δ_j when the buffer holds K = `buffer` updates;
    /// then starts a job on an idle client.
    mutating func receiveUpload(client: Int, context: inout EventContext) throws {
        guard case .async(let size, let exponent) = config.mode else { return }
        try updatingJobs { world, jobs in
            let staleness = world.round - jobs.sentVersion[client]
            let weight = Foundation.pow(1 + Double(staleness), -exponent)
            let d = world.problem.dimension
            for j in 0..<d { jobs.buffer[j] += weight * jobs.pendingUpdates[client * d + j] }
            jobs.bufferLosses.append(jobs.pendingLoss[client])
            world.state.messages += 1
            jobs.idle.append(client)
            context.note("sentVersion", .int(jobs.sentVersion[client]))
            context.note("staleness", .int(staleness))
            if jobs.bufferLosses.count == size {
                let rate = try world.serverRate(clientLosses: jobs.bufferLosses, step: world.key(world.round))
                try world.apply(jobs.buffer.map { $0 / Double(size) }, serverRate: rate, context: &context)
                for j in jobs.buffer.indices { jobs.buffer[j] = 0 }
                jobs.bufferLosses.removeAll(keepingCapacity: true)
            }
            let started = try world.startJob(&jobs, context: &context)
            context.note("started", .ints([started]))
        }
    }
}
