/// The pending events of a simulation, popped in the total order `(time, priority, sequence)`. No two
/// keys are equal, so the pop order does not depend on where the queue keeps an event.
///
/// The surface: ``schedule(_:at:priority:agent:generation:)`` adds an event, ``popNext()`` and
/// ``removeNext()`` take the earliest one, ``replaceNext(with:at:priority:agent:generation:)`` does both
/// in one step (the hold), ``cancel(sequence:)`` drops one lazily, and ``peek``, ``nextTime``,
/// ``count`` and ``events`` read it. It is a value: copies share storage until one of them changes.
///
/// Goals, in order: (1) that exact order; (2) no reference counting or allocation per event — events
/// are stored as 32-byte plain ``Node``s and the kinds live in a small side table indexed by kind id;
/// (3) little work per event at any size: a queue of up to 256 events is a 4-ary min-heap (a pop
/// walks at most four levels); a larger one keeps only its earliest events in the heap and files the
/// others unsorted in time buckets at O(1) amortized per event, a simplified ladder queue
/// (``EventTiers``). Every heap event precedes every bucketed one, so the heap's root is always the
/// next event.
///
/// The events live in buffers owned by one ``Store`` object, shared between copies of the queue until
/// one of them changes (copy-on-write): every mutation checks uniqueness once, not per buffer access.
///
/// Cancellation is lazy: ``cancel(sequence:)`` records the sequence number and the event is dropped
/// when it reaches the top. The top is always a live event (every mutation ends by dropping cancelled
/// events from the top), so ``nextTime`` and ``peek`` never report an event that will not be popped —
/// `run(until:)` relies on that to never dispatch past `until`.
public struct EventQueue: Sendable {
    /// The events (see ``EventTiers``).
    @usableFromInline var store: Store
    /// Kinds by id, as last scheduled (nil where no kind with that id was seen).
    @usableFromInline var kinds: ContiguousArray<EventKind?> = []
    @usableFromInline var cancelled: Set<UInt64> = []
    @usableFromInline var _nextSequence: UInt64 = 0

    /// The next sequence number ``schedule(_:at:priority:agent:generation:)`` will assign.
    public var nextSequence: UInt64 { _nextSequence }

    public init() {
        self.init(spillThreshold: 256, bucketLoad: 2)
    }

    /// A queue whose heap spills at `spillThreshold` events and whose buckets hold `bucketLoad`
    /// events on average when cut (tests use small thresholds to exercise the tiers).
    init(spillThreshold: Int, bucketLoad: Double) {
        precondition(spillThreshold >= 2 && bucketLoad > 0, "spillThreshold >= 2 and bucketLoad > 0")
        store = Store(EventTiers(spillThreshold: spillThreshold, bucketLoad: bucketLoad))
    }

    /// The events, to read (mutations go through ``uniqueTiers()``).
    @inlinable var tiers: UnsafePointer<EventTiers> { UnsafePointer(store.tiers) }

    /// The events, for a mutation: copied first if another queue shares them.
    @inlinable @inline(__always)
    mutating func uniqueTiers() -> UnsafeMutablePointer<EventTiers> {
        if !isKnownUniquelyReferenced(&store) { store = store.copy() }
        return store.tiers
    }

    /// Number of queued events, cancelled ones below the top included until they are reached.
    @inlinable public var count: Int { tiers.pointee.count }
    /// Whether nothing is queued.
    @inlinable public var isEmpty: Bool { tiers.pointee.heap.isEmpty }
    /// Whether events wait outside the heap (see ``EventTiers``).
    var isSpilled: Bool { tiers.pointee.isSpilled }

    /// Time of the earliest live event, nil when none is queued.
    /// - Complexity: O(1).
    @inlinable public var nextTime: SimTime? { tiers.pointee.heap.isEmpty ? nil : tiers.pointee.heap[0].time }

    /// The earliest live event without removing it.
    /// - Complexity: O(1).
    @inlinable public var peek: Event? { tiers.pointee.heap.isEmpty ? nil : event(tiers.pointee.heap[0]) }

    /// Schedules `kind` at `time` and returns its key.
    /// - Precondition: no other kind with the same id (a different name or priority) is queued in this
    ///   queue; ``EventKind`` equality is by id, so two such kinds could not be told apart anyway.
    /// - Complexity: O(1) amortized once the queue has spilled, O(log n) before.
    @inlinable @discardableResult
    public mutating func schedule(_ kind: EventKind, at time: SimTime, priority: Int32? = nil,
                                  agent: Int32 = Event.population, generation: UInt32 = 0) -> EventKey {
        scheduleInline(kind, at: time, priority: priority ?? kind.priority, agent: agent, generation: generation)
    }

    /// ``schedule(_:at:priority:agent:generation:)``, inlined into the run loop.
    @inlinable @inline(__always) @discardableResult
    mutating func scheduleInline(_ kind: EventKind, at time: SimTime, priority: Int32, agent: Int32, generation: UInt32) -> EventKey {
        if !isRegistered(kind) { register(kind) }
        let node = Node(time: time, sequence: _nextSequence, priority: priority, agent: agent,
                        generation: generation, kind: kind.id)
        _nextSequence &+= 1
        uniqueTiers().pointee.insert(node, at: time)
        if !cancelled.isEmpty { dropCancelledTop() }
        checkInvariants()
        return EventKey(time: time, priority: priority, sequence: node.sequence)
    }

    /// Removes the earliest live event and schedules `kind` at `time` in one step: the classic
    /// "hold" of a process that handles its wake-up and sleeps again. The result is exactly that of
    /// ``removeNext()`` followed by ``schedule(_:at:priority:agent:generation:)`` (same popped event,
    /// same key, same queue afterwards) but, when the new event belongs among the earliest, it takes
    /// the popped event's place with one sift down where the two calls would sift twice.
    /// - Returns: the popped event and the key of the scheduled one.
    /// - Precondition: the queue is not empty; the same as for scheduling `kind`.
    /// - Complexity: O(log n) amortized.
    @inlinable @discardableResult
    public mutating func replaceNext(with kind: EventKind, at time: SimTime, priority: Int32? = nil,
                                     agent: Int32 = Event.population, generation: UInt32 = 0) -> (popped: Event, scheduled: EventKey) {
        precondition(!isEmpty, "replaceNext(with:) on an empty event queue")
        let popped = event(tiers.pointee.heap[0])
        let scheduled = replaceNextInline(kind, at: time, priority: priority ?? kind.priority, agent: agent, generation: generation)
        return (popped, scheduled)
    }

    /// ``replaceNext(with:at:priority:agent:generation:)`` without building the popped event, inlined
    /// into the run loop. With `knownUnique` it skips the uniqueness check: the run loop calls
    /// ``makeUnique()`` once per run and holds the queue exclusively until it returns, so no copy can
    /// share the storage in between.
    /// - Precondition: the queue is not empty.
    @inlinable @inline(__always) @discardableResult
    mutating func replaceNextInline(_ kind: EventKind, at time: SimTime, priority: Int32, agent: Int32, generation: UInt32,
                                    knownUnique: Bool = false) -> EventKey {
        guard isRegistered(kind) else {
            // First use of this id (or a different kind under it): pop first, so that registering
            // sees the queue as the two separate calls would.
            _ = removeNext()
            return scheduleInline(kind, at: time, priority: priority, agent: agent, generation: generation)
        }
        let node = Node(time: time, sequence: _nextSequence, priority: priority, agent: agent,
                        generation: generation, kind: kind.id)
        _nextSequence &+= 1
        assert(!knownUnique || isKnownUniquelyReferenced(&store), "replaceNextInline(knownUnique: true) on a shared queue")
        let tiers = knownUnique ? store.tiers : uniqueTiers()
        tiers.pointee.countRemoval(of: Int(tiers.pointee.heap[0].kind))
        tiers.pointee.replaceRoot(with: node, at: time)
        if !cancelled.isEmpty { dropCancelledTop() }
        checkInvariants()
        return EventKey(time: time, priority: priority, sequence: node.sequence)
    }

    /// Makes the queue's storage its own: copies it if another queue shares it.
    @inlinable
    mutating func makeUnique() { _ = uniqueTiers() }

    /// Whether the side table holds `kind` under its id, as it is.
    @inlinable @inline(__always)
    func isRegistered(_ kind: EventKind) -> Bool {
        let slot = Int(kind.id)
        guard slot < kinds.count, let known = kinds[slot] else { return false }
        return known.nameIndex == kind.nameIndex && known.priority == kind.priority
    }

    /// Records `kind` in the side table (first use of its id).
    @usableFromInline
    mutating func register(_ kind: EventKind) {
        let slot = Int(kind.id)
        if slot >= kinds.count { kinds += repeatElement(nil, count: slot + 1 - kinds.count) }
        if let known = kinds[slot], known.nameIndex != kind.nameIndex || known.priority != kind.priority,
           tiers.pointee.nodes.contains(where: { $0.kind == kind.id }) {
            preconditionFailure("event kinds '\(known.name)' and '\(kind.name)' share id \(kind.id) in one queue")
        }
        kinds[slot] = kind
    }

    /// Marks the event with this sequence number as cancelled; it will never be popped.
    ///
    /// Cancelling an event that was already popped or cancelled does nothing. A sequence number the
    /// queue has not issued yet is refused (returns false): marking it would silently drop a future
    /// event.
    /// - Complexity: O(1) unless the event is on top, then O(log n) per cancelled event dropped.
    @discardableResult
    public mutating func cancel(sequence: UInt64) -> Bool {
        guard sequence < _nextSequence else { return false }
        cancelled.insert(sequence)
        dropCancelledTop()
        checkInvariants()
        return true
    }

    /// Removes and returns the earliest live event, nil when none is left.
    /// - Complexity: O(log n) amortized.
    @inlinable
    public mutating func popNext() -> Event? {
        isEmpty ? nil : removeNext()
    }

    /// Removes and returns the earliest live event.
    /// - Precondition: the queue is not empty.
    /// - Complexity: O(log n) amortized.
    @inlinable
    public mutating func removeNext() -> Event {
        precondition(!isEmpty, "removeNext() on an empty event queue")
        // Two statements: in `event(uniqueTiers()…)` the call holds `self` (and the store) before its
        // argument runs, so an unoptimized build saw the store shared and copied it on every pop.
        let tiers = uniqueTiers()
        let node = tiers.pointee.removeRoot()
        tiers.pointee.countRemoval(of: Int(node.kind))
        let top = event(node)
        if !cancelled.isEmpty { dropCancelledTop() }
        checkInvariants()
        return top
    }

    /// Restores "the top is live". Marks of events that are no longer queued (cancelled after they
    /// were popped) are forgotten once the queue empties, so the mark set cannot grow without bound.
    @usableFromInline
    mutating func dropCancelledTop() {
        guard !cancelled.isEmpty else { return }
        let tiers = uniqueTiers()
        while !tiers.pointee.heap.isEmpty, cancelled.remove(tiers.pointee.heap[0].sequence) != nil { _ = tiers.pointee.removeRoot() }
        if tiers.pointee.heap.isEmpty { cancelled.removeAll() }   // removeRoot refills the heap, so all is empty
    }

    /// How many events of each kind, by kind id, ``removeNext()``, ``popNext()`` and
    /// ``replaceNext(with:at:priority:agent:generation:)`` have removed (cancelled events are not
    /// counted; ids past the last one removed are left out). In a ``Simulation`` these are the events
    /// dispatched per kind (``EventContext/occurrence``).
    public var removalCounts: [Int] { Array(tiers.pointee.removed.elements) }

    /// How many events of `kind` have been removed (see ``removalCounts``).
    /// - Complexity: O(1).
    @inlinable
    public func removals(of kind: EventKind) -> Int {
        let slot = Int(kind.id), removed = tiers.pointee.removed.elements
        return slot < removed.count ? removed[slot] : 0
    }

    /// Sets ``removalCounts`` (restoring a simulation's checkpoint).
    mutating func restoreRemovalCounts(_ counts: [Int]) {
        let tiers = uniqueTiers()
        tiers.pointee.removed.removeAll()
        for count in counts { tiers.pointee.removed.append(count) }
    }

    /// Drops every event (and the cancellation marks) but keeps the sequence counter and
    /// ``removalCounts`` running.
    public mutating func removeAll() {
        var fresh = EventTiers(spillThreshold: tiers.pointee.spillThreshold, bucketLoad: tiers.pointee.bucketLoad)
        fresh.removed = tiers.pointee.removed.copy()
        store = Store(fresh)
        cancelled.removeAll()
    }

    /// Snapshot of the queued events: the heap in heap order, then the waiting events (for checkpoints
    /// and inspection; not sorted).
    public var events: [Event] { tiers.pointee.nodes.map(event) }

    @inlinable @inline(__always)
    func event(_ node: Node) -> Event {
        Event(key: node.key, kind: kinds[Int(node.kind)]!, agent: node.agent, generation: node.generation)
    }
}
