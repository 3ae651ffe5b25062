/// What a simulation steps: a world with its agents and policies (STYLE.md 6: an explicit state
/// machine). The engine decides the order; the model reacts to one event at a time.
public protocol SimulationModel {
    /// Handles `event`. The model may schedule further events and add trace fields through `context`.
    mutating func handle(_ event: Event, context: inout EventContext) throws
}

/// What a model sees and may do while handling one event.
public struct EventContext {
    /// The event's time (the simulation clock).
    public let now: SimTime
    /// The event being handled.
    public let event: Event
    /// How many events of this kind were dispatched before this one (0-based): the natural `step`
    /// key for random streams.
    public let occurrence: Int
    /// Whether this event will be traced; models build payloads only when it is true, so tracing off
    /// costs one branch.
    public let isTraced: Bool
    /// Trace fields added so far.
    public private(set) var payload: [(key: String, value: TraceValue)] = []
    /// Events the model asked for, applied after `handle` returns.
    public private(set) var requests: [(kind: EventKind, delay: SimTime, agent: Int32, generation: UInt32)] = []

    public init(now: SimTime, event: Event, occurrence: Int, isTraced: Bool) {
        self.now = now
        self.event = event
        self.occurrence = occurrence
        self.isTraced = isTraced
    }

    /// Adds a trace field (ignored when the event is not traced).
    @inlinable
    public mutating func note(_ key: String, _ value: @autoclosure () -> TraceValue) {
        if isTraced { addField(key, value()) }
    }

    @usableFromInline
    mutating func addField(_ key: String, _ value: TraceValue) { payload.append((key, value)) }

    /// Asks for an event `delay` after now.
    public mutating func schedule(_ kind: EventKind, after delay: SimTime, agent: Int32 = Event.population,
                                  generation: UInt32 = 0) {
        requests.append((kind, delay, agent, generation))
    }
}
