import Engine
import Foundation

/// Buffered asynchronous aggregation: k clients
/// work at once, each upload is its own `clientUpload` event at the client's arrival time.
extension FedOptWorld {
    /// Marks every client idle and starts k jobs from w = 0; the trace lists them in one `started` array.
    mutating func startAsync(context: inout EventContext) {
        idle = Array(0..<problem.clients)
        for j in buffer.indices { buffer[j] = 0 }
        bufferLosses.removeAll(keepingCapacity: true)
        jobs = 0
        let started = (0..<config.clientsPerRound).map { _ in startJob(context: &context) }
        context.note("started", .ints(started))
    }

    /// Starts a job on a uniformly chosen idle client from the current model: its update is computed
    /// now (the client works on this model version) and its upload is scheduled at its arrival time.
    /// Returns the client, for the caller's trace note (one note per event, so keys never repeat).
    mutating func startJob(context: inout EventContext) -> Int {
        let step = key(jobs)
        jobs += 1
        var cell = subsampleStream.generator(agent: -1, step: step)
        let slot = cell.int(below: idle.count)
        let client = idle[slot]
        idle.swapAt(slot, idle.count - 1)
        idle.removeLast()
        let (stepSize, loss) = localStep(client: client, step: step, excessLoss: excessLoss)
        let d = problem.dimension
        var update = [Double](repeating: 0, count: d)
        problem.addUpdate(client: client, from: model, stepSize: stepSize, steps: config.localSteps, into: &update)
        pendingUpdates.replaceSubrange(client * d..<(client + 1) * d, with: update)
        pendingLoss[client] = loss
        sentVersion[client] = round
        messages += 1
        context.schedule(Self.clientUpload, after: jobTime(client: client, step: step), agent: Int32(client), generation: generation)
        return client
    }

    /// Buffers `client`'s update with weight (1 + τ)^(-a), τ = aggregations since it took its model;
    /// aggregates when the buffer is full; then starts a job on an idle client.
    mutating func receiveUpload(client: Int, context: inout EventContext) {
        guard case .async(let size, let exponent) = config.mode else { return }
        let staleness = round - sentVersion[client]
        let weight = Foundation.pow(1 + Double(staleness), -exponent)
        let d = problem.dimension
        for j in 0..<d { buffer[j] += weight * pendingUpdates[client * d + j] }
        bufferLosses.append(pendingLoss[client])
        messages += 1
        idle.append(client)
        context.note("sentVersion", .int(sentVersion[client]))
        context.note("staleness", .int(staleness))
        if bufferLosses.count == size {
            let rate = serverRate(clientLosses: bufferLosses, step: key(round))
            apply(buffer.map { $0 / Double(size) }, serverRate: rate, context: &context)
            for j in buffer.indices { buffer[j] = 0 }
            bufferLosses.removeAll(keepingCapacity: true)
        }
        let started = startJob(context: &context)
        context.note("started", .ints([started]))
    }
}
