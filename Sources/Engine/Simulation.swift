/// The run loop (STYLE.md 5, simpy's contract): pops events in `(time, priority, sequence)` order,
/// lets the model handle each, applies the schedules' follow-ups, and traces what happened.
public struct Simulation<Model: SimulationModel> {
    /// The world being simulated.
    public var model: Model
    /// Pending events.
    public private(set) var queue = EventQueue()
    /// The clock.
    public private(set) var now: SimTime
    /// Events dispatched so far.
    public private(set) var dispatched = 0
    /// The scenario's schedules.
    public private(set) var schedules: ScheduleTable
    /// Where trace records go; nil traces nothing.
    public var trace: (any TraceSink)?
    /// Which events are traced (checked before the model builds a payload).
    public var traceFilter: TraceFilter
    private var occurrences: [Int]

    /// Creates a simulation at time `start` and seeds the schedules' first events.
    public init(model: Model, schedules: ScheduleTable, start: SimTime = 0,
                trace: (any TraceSink)? = nil, traceFilter: TraceFilter = TraceFilter()) {
        self.model = model
        self.schedules = schedules
        self.now = start
        self.trace = trace
        self.traceFilter = traceFilter
        occurrences = Array(repeating: 0, count: Int(schedules.entries.map(\.kind.id).max() ?? 0) + 1)
        self.schedules.seed(&queue, start: start)
    }

    /// The outcome of ``step()``.
    public enum StepResult: Equatable, Sendable {
        /// One event was dispatched.
        case dispatched(Event)
        /// Nothing is queued.
        case empty
    }

    /// Why ``run(until:shouldStop:)`` returned.
    public enum RunStop: Equatable, Sendable {
        /// The clock reached `until`; events at exactly `until` stay queued.
        case reachedTime
        /// The queue ran dry first.
        case empty
        /// `shouldStop` asked to stop (after a complete event).
        case stopped
    }

    /// Dispatches events with time < `until`, then sets the clock to `until`.
    /// - Throws: ``EngineError/untilNotAfterNow(until:now:)`` when `until <= now`, or what the model throws.
    public mutating func run(until: SimTime, shouldStop: () -> Bool = { false }) throws -> RunStop {
        guard until > now else { throw EngineError.untilNotAfterNow(until: until, now: now) }
        while let next = queue.nextTime, next < until {
            if shouldStop() { return .stopped }
            _ = try step()
        }
        now = until
        return queue.isEmpty ? .empty : .reachedTime
    }

    /// Dispatches exactly one event; `.empty` when nothing is queued.
    public mutating func step() throws -> StepResult {
        guard let event = queue.popNext() else { return .empty }
        now = event.time
        let slot = Int(event.kind.id)
        if slot >= occurrences.count { occurrences += Array(repeating: 0, count: slot + 1 - occurrences.count) }
        let traced = trace != nil && traceFilter.accepts(kind: event.kind.name, agent: Self.agentField(event), time: now)
        var context = EventContext(now: now, event: event, occurrence: occurrences[slot], isTraced: traced)
        occurrences[slot] += 1
        dispatched += 1
        try model.handle(event, context: &context)
        for request in context.requests {
            guard request.delay >= 0 else { throw EngineError.negativeDelay(kind: request.kind.name, delay: request.delay) }
            let time = now + request.delay
            guard time.isFinite else { throw EngineError.nonFiniteTime(kind: request.kind.name, time: time) }
            queue.schedule(request.kind, at: time, agent: request.agent, generation: request.generation)
        }
        schedules.followUp(event, in: &queue)
        if traced {
            try trace?.record(TraceRecord(time: now, sequence: event.key.sequence, kind: event.kind.name,
                                          agent: Self.agentField(event), payload: context.payload))
        }
        return .dispatched(event)
    }

    /// Schedules an extra event directly (tests, custom drivers).
    @discardableResult
    public mutating func schedule(_ kind: EventKind, at time: SimTime, agent: Int32 = Event.population) -> EventKey {
        queue.schedule(kind, at: time, agent: agent)
    }

    /// Cancels the queued event with this sequence number (lazy: it is skipped when reached).
    /// - Returns: false when the sequence number was never issued.
    @discardableResult
    public mutating func cancel(sequence: UInt64) -> Bool {
        queue.cancel(sequence: sequence)
    }

    /// Flushes and closes the trace.
    public mutating func finishTrace() throws {
        try trace?.finish()
        trace = nil
    }

    private static func agentField(_ event: Event) -> Int? {
        event.agent == Event.population ? nil : Int(event.agent)
    }
}

extension Simulation {
    /// The engine's state: clock, dispatch counters, the queue and the schedules' counters. The trace
    /// sink and filter are not state: the caller reattaches them, positioned where the checkpoint left
    /// off. The model's state follows separately (see ``CheckpointableState``).
    public func saveEngineState(into writer: inout StateWriter) {
        writer.section("engine")
        writer.write(now)
        writer.write(dispatched)
        writer.write(occurrences)
        writer.write(queue)
        writer.write(schedules)
    }

    /// Restores what ``saveEngineState(into:)`` wrote, into a simulation built for the same scenario.
    public mutating func restoreEngineState(from reader: inout StateReader) throws {
        try reader.section("engine")
        now = try reader.readDouble()
        dispatched = try reader.readInt()
        occurrences = try reader.readInts()
        guard now.isFinite, dispatched >= 0, occurrences.allSatisfy({ $0 >= 0 }) else { throw CheckpointError.corrupt("engine clock or counters") }
        try reader.read(into: &queue)
        try reader.read(into: &schedules)
    }
}

extension Simulation: CheckpointableState where Model: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        saveEngineState(into: &writer)
        writer.section("model")
        writer.write(model)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try restoreEngineState(from: &reader)
        try reader.section("model")
        try reader.read(into: &model)
    }
}
