/// Checkpoints of the run loop: the engine's own state, then the model's.

extension Simulation {
    /// The engine's state: clock, dispatch counters, the queue and the schedules' counters. The trace
    /// sink and filter are not state: the caller reattaches them, positioned where the checkpoint left
    /// off. The model's state follows separately (see ``CheckpointableState``).
    public func saveEngineState(into writer: inout StateWriter) {
        writer.section("engine")
        writer.write(now)
        writer.write(dispatched)
        writer.write(queue.removalCounts)
        writer.write(queue)
        writer.write(schedules)
    }

    /// Restores what ``saveEngineState(into:)`` wrote, into a simulation built for the same scenario,
    /// and refuses (``CheckpointError``) anything this run could not have produced: a clock that is not
    /// finite, per-kind dispatch counts that do not add up to the events dispatched, and queued events
    /// before the clock, of a kind neither the schedules nor the model (`modelKinds`) use, with a
    /// priority other than their kind's, or for an agent outside the population. Nothing is changed when
    /// it throws.
    public mutating func restoreEngineState(from reader: inout StateReader, modelKinds: [EventKind] = []) throws {
        try reader.section("engine")
        let now = try reader.readDouble(), dispatched = try reader.readInt()
        let occurrences = try reader.readCount(elementSize: 8)
        guard occurrences <= Int(UInt16.max) + 1 else { throw CheckpointError.corrupt("\(occurrences) per-kind dispatch counts") }
        let taken = try (0..<occurrences).map { _ in try reader.readInt() }
        guard now.isFinite, now >= 0, dispatched >= 0, taken.allSatisfy({ $0 >= 0 }),
              taken.reduce(0, { $0.addingReportingOverflow($1).overflow ? .max : $0 + $1 }) == dispatched else {
            throw CheckpointError.corrupt("engine clock \(now) or dispatch counters (\(dispatched) events, by kind \(taken.prefix(8)))")
        }
        var queue = _queue, schedules = _schedules
        try reader.read(into: &queue)
        try reader.read(into: &schedules)
        let kinds = Dictionary(EventKind.builtIn.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            .merging((schedules.entries.map(\.kind) + modelKinds).map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        for event in queue.events {
            guard let known = kinds[event.kind.id], known.name == event.kind.name, known.priority == event.kind.priority else {
                throw CheckpointError.corrupt("a queued event has kind '\(event.kind.name.prefix(40))' (id \(event.kind.id), priority \(event.kind.priority)), which this run does not schedule")
            }
            guard event.key.priority == known.priority else {
                throw CheckpointError.corrupt("a queued '\(known.name)' event has priority \(event.key.priority), its kind's is \(known.priority)")
            }
            guard event.time >= now else { throw CheckpointError.corrupt("a queued '\(known.name)' event at t=\(event.time) precedes the clock \(now)") }
            guard event.agent == Event.population || (0..<Int32(clamping: schedules.agents)).contains(event.agent) else {
                throw CheckpointError.corrupt("a queued '\(known.name)' event names agent \(event.agent) of \(schedules.agents)")
            }
        }
        try schedules.checkQueued(queue.events, modelKinds: Set(modelKinds.map(\.id)))
        queue.restoreRemovalCounts(taken)
        _now = now
        _dispatched = dispatched
        _queue = queue
        _schedules = schedules
    }
}

extension Simulation: CheckpointableState where Model: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        saveEngineState(into: &writer)
        writer.section("model")
        writer.write(model)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try restoreEngineState(from: &reader, modelKinds: model.scheduledKinds)
        try reader.section("model")
        try reader.read(into: &model)
    }
}
