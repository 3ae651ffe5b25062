/// The run loop: pops events in `(time, priority, sequence)` order,
/// lets the model handle each, applies the schedules' follow-ups, and traces what happened.
///
/// `run` and `step` are `@inlinable` so that they are specialized for each model where the model is
/// defined: the per-event path then has no generic dispatch, no reference counting (events and kinds
/// are plain values) and no allocation unless the model schedules more than one event or is traced.
public struct Simulation<Model: SimulationModel> {
    /// The world being simulated.
    public var model: Model
    @usableFromInline var _queue = EventQueue()
    @usableFromInline var _now: SimTime
    @usableFromInline var _dispatched = 0
    @usableFromInline var _schedules: ScheduleTable
    /// Where trace records go; nil traces nothing.
    public var trace: (any TraceSink)? {
        didSet { tracing = trace != nil }
    }
    /// `trace != nil`, kept as a flag: testing the existential itself copies it on every event.
    @usableFromInline var tracing: Bool
    /// Which events are traced (checked before the model builds a payload).
    public var traceFilter: TraceFilter
    /// The context handed to the model, reused for every event.
    @usableFromInline var context = EventContext(now: 0, occurrence: 0, isTraced: false)

    /// Pending events.
    public var queue: EventQueue { _queue }
    /// The clock.
    public var now: SimTime { _now }
    /// Events dispatched so far.
    public var dispatched: Int { _dispatched }

    /// The scenario's schedules.
    public var schedules: ScheduleTable { _schedules }

    /// Creates a simulation at time `start` and seeds the schedules' first events.
    public init(model: Model, schedules: ScheduleTable, start: SimTime = 0,
                trace: (any TraceSink)? = nil, traceFilter: TraceFilter = TraceFilter()) {
        self.model = model
        _schedules = schedules
        _now = start
        self.trace = trace
        tracing = trace != nil
        self.traceFilter = traceFilter
        _schedules.seed(&_queue, start: start)
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
    @inlinable
    public mutating func run(until: SimTime, shouldStop: () -> Bool = { false }) throws -> RunStop {
        guard until > _now else { throw EngineError.untilNotAfterNow(until: until, now: _now) }
        // Once per run, not per event: nothing else can reach the queue until the loop returns.
        _queue.makeUnique()
        while let event = _queue.peek, event.time < until {
            if shouldStop() { return .stopped }
            try dispatch(event)
        }
        _now = until
        return _queue.isEmpty ? .empty : .reachedTime
    }

    /// Dispatches exactly one event; `.empty` when nothing is queued.
    @inlinable
    public mutating func step() throws -> StepResult {
        guard let event = _queue.peek else { return .empty }
        _queue.makeUnique()
        try dispatch(event)
        return .dispatched(event)
    }

    /// Hands `event`, the queue's next event, to the model (the queue's storage unshared, see
    /// ``EventQueue/makeUnique()``), then schedules what it asked for, the
    /// schedules' follow-ups, and the trace record — in that order, which fixes the sequence numbers
    /// of everything scheduled. The event leaves the queue on every exit: the first event scheduled
    /// takes its place (``EventQueue/replaceNext(with:at:priority:agent:generation:)``, the hold of a
    /// process that reschedules itself); without one, or when the model throws, it is removed.
    @inlinable @inline(__always)
    mutating func dispatch(_ event: Event) throws {
        // The event leaves the queue only after the model has handled it, so the removals of its kind
        // so far are the events of that kind dispatched before.
        let occurrence = _queue.removals(of: event.kind)
        _now = event.time
        let traced = tracing && isTraced(event)
        context.reset(now: _now, occurrence: occurrence, isTraced: traced)
        _dispatched &+= 1
        // Not a `defer`: the compiler outlines a defer block into a call on every event.
        do {
            try model.handle(event, context: &context)
        } catch {
            _ = _queue.removeNext()
            throw error
        }
        var popped = false
        if let first = context.firstRequest {
            let time = _now + first.delay
            guard first.delay >= 0 && time.isFinite else {
                _ = _queue.removeNext()
                throw invalid(first, time: time)
            }
            _queue.replaceNextInline(first.kind, at: time, priority: first.kind.priority, agent: first.agent,
                                     generation: first.generation, knownUnique: true)
            popped = true
            if let more = context.overflow?.requests, !more.isEmpty { for request in more { try apply(request) } }
        }
        if !_schedules.entries.isEmpty && _schedules.followUp(event, in: &_queue, replacingNext: !popped) { popped = true }
        if !popped { _ = _queue.removeNext() }
        if traced { try record(event, payload: context.overflow?.fields ?? []) }
    }

    @inlinable @inline(__always)
    mutating func apply(_ request: EventContext.Request) throws {
        let time = _now + request.delay
        guard request.delay >= 0 && time.isFinite else { throw invalid(request, time: time) }
        _queue.scheduleInline(request.kind, at: time, priority: request.kind.priority, agent: request.agent, generation: request.generation)
    }

    /// Why `request` cannot be applied.
    @usableFromInline
    func invalid(_ request: EventContext.Request, time: SimTime) -> EngineError {
        request.delay >= 0 ? .nonFiniteTime(kind: request.kind.name, time: time) : .negativeDelay(kind: request.kind.name, delay: request.delay)
    }

    @usableFromInline
    func isTraced(_ event: Event) -> Bool {
        traceFilter.accepts(kind: event.kind.name, agent: Self.agentField(event), time: _now)
    }

    @usableFromInline
    mutating func record(_ event: Event, payload: [(key: String, value: TraceValue)]) throws {
        let record = TraceRecord(time: _now, sequence: event.key.sequence, kind: event.kind.name,
                                 agent: Self.agentField(event), payload: payload)
        try trace?.record(record)
    }

    /// Schedules an extra event directly (tests, custom drivers).
    @inlinable @discardableResult
    public mutating func schedule(_ kind: EventKind, at time: SimTime, agent: Int32 = Event.population) -> EventKey {
        _queue.schedule(kind, at: time, agent: agent)
    }

    /// Cancels the queued event with this sequence number (lazy: it is skipped when reached).
    /// - Returns: false when the sequence number was never issued.
    @discardableResult
    public mutating func cancel(sequence: UInt64) -> Bool {
        _queue.cancel(sequence: sequence)
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
