/// What a simulation steps: a world with its agents and policies (an explicit state
/// machine). The engine decides the order; the model reacts to one event at a time.
public protocol SimulationModel {
    /// Handles `event`. The model may schedule further events and add trace fields through `context`.
    mutating func handle(_ event: Event, context: inout EventContext) throws
}

/// What a model sees and may do while handling one event.
///
/// The run loop reuses one context for every event (``reset(now:occurrence:isTraced:)``), so a
/// dispatch allocates nothing: the first requested event is held inline (the common case of a process
/// scheduling its own next wake-up); further requests and trace fields go to a side buffer that is
/// allocated once and kept. The buffer is copy-on-write, so a context copied by a model stays a value.
public struct EventContext {
    @usableFromInline var _now: SimTime
    @usableFromInline var _occurrence: Int
    @usableFromInline var _isTraced: Bool
    @usableFromInline var firstRequest: Request?
    @usableFromInline var overflow: Overflow?

    /// The event's time (the simulation clock).
    @inlinable public var now: SimTime { _now }
    /// How many events of this kind were dispatched before this one (0-based): the natural `step`
    /// key for random streams.
    @inlinable public var occurrence: Int { _occurrence }
    /// Whether this event will be traced; models build payloads only when it is true, so tracing off
    /// costs one branch.
    @inlinable public var isTraced: Bool { _isTraced }

    /// One event asked for by the model.
    @usableFromInline
    struct Request {
        @usableFromInline var kind: EventKind
        @usableFromInline var delay: SimTime
        @usableFromInline var agent: Int32
        @usableFromInline var generation: UInt32

        @inlinable
        init(kind: EventKind, delay: SimTime, agent: Int32, generation: UInt32) {
            self.kind = kind
            self.delay = delay
            self.agent = agent
            self.generation = generation
        }
    }

    /// Requests after the first, and trace fields. A class so that the context itself stays a small
    /// value with one optional reference; it is never shared between contexts.
    @usableFromInline
    final class Overflow {
        @usableFromInline var requests: [Request] = []
        @usableFromInline var fields: [(key: String, value: TraceValue)] = []
        @usableFromInline init() {}

        @usableFromInline var isEmpty: Bool { requests.isEmpty && fields.isEmpty }

        func copy() -> Overflow {
            let copy = Overflow()
            copy.requests = requests
            copy.fields = fields
            return copy
        }
    }

    @inlinable
    public init(now: SimTime, occurrence: Int, isTraced: Bool) {
        _now = now
        _occurrence = occurrence
        _isTraced = isTraced
        firstRequest = nil
        overflow = nil
    }

    /// Makes this context a fresh one, keeping the side buffer's capacity. (The event itself is the
    /// handler's argument: a copy here cost a store-forwarding stall on every event.)
    @inlinable
    mutating func reset(now: SimTime, occurrence: Int, isTraced: Bool) {
        _now = now
        _occurrence = occurrence
        _isTraced = isTraced
        firstRequest = nil
        if overflow != nil { clearOverflow() }
    }

    @usableFromInline
    mutating func clearOverflow() {
        if isKnownUniquelyReferenced(&overflow!) {
            overflow!.requests.removeAll(keepingCapacity: true)
            overflow!.fields.removeAll(keepingCapacity: true)
        } else {
            overflow = nil
        }
    }

    /// The side buffer, unshared and allocated.
    @usableFromInline
    mutating func uniqueOverflow() -> Overflow {
        if overflow == nil {
            overflow = Overflow()
        } else if !isKnownUniquelyReferenced(&overflow!) {
            overflow = overflow!.copy()
        }
        return overflow!
    }

    /// Trace fields added so far.
    public var payload: [(key: String, value: TraceValue)] { overflow?.fields ?? [] }

    /// Events the model asked for, in the order asked, applied after `handle` returns.
    public var requests: [(kind: EventKind, delay: SimTime, agent: Int32, generation: UInt32)] {
        guard let firstRequest else { return [] }
        return ([firstRequest] + (overflow?.requests ?? [])).map { ($0.kind, $0.delay, $0.agent, $0.generation) }
    }

    /// Adds a trace field (ignored when the event is not traced).
    @inlinable
    public mutating func note(_ key: String, _ value: @autoclosure () -> TraceValue) {
        if isTraced { addField(key, value()) }
    }

    /// The keys every trace line starts with (see ``JSONLinesFormat``); a note may not reuse them.
    static let recordKeys: Set<String> = ["t", "seq", "kind", "agent"]

    /// Appends a field. One event notes each key at most once (a model with several values notes an
    /// array): a JSON line with a repeated key keeps only one of them in most parsers.
    @usableFromInline
    mutating func addField(_ key: String, _ value: TraceValue) {
        let overflow = uniqueOverflow()
        assert(!Self.recordKeys.contains(key) && !overflow.fields.contains { $0.key == key },
               "trace key '\(key)' noted twice for one event; note an array instead")
        overflow.fields.append((key, value))
    }

    /// Asks for an event `delay` after now.
    @inlinable
    public mutating func schedule(_ kind: EventKind, after delay: SimTime, agent: Int32 = Event.population,
                                  generation: UInt32 = 0) {
        let request = Request(kind: kind, delay: delay, agent: agent, generation: generation)
        if firstRequest == nil { firstRequest = request } else { addRequest(request) }
    }

    @usableFromInline
    mutating func addRequest(_ request: Request) {
        uniqueOverflow().requests.append(request)
    }
}
