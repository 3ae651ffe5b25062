/// The pending events of a simulation, popped in the total order `(time, priority, sequence)`
///. No two keys are equal, so the pop order does not depend on where the queue
/// keeps an event.
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
    /// True between ``takeNextLeavingHole()`` and the next ``schedule(_:at:priority:agent:generation:)``
    /// or ``closeHole()``: the root slot is empty. Only the run loop opens a hole, around one dispatch,
    /// during which the model cannot see the queue; every public member sees a queue without one.
    @usableFromInline var rootIsHole = false
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
    @inlinable
    mutating func uniqueTiers() -> UnsafeMutablePointer<EventTiers> {
        if !isKnownUniquelyReferenced(&store) { store = store.copy() }
        return store.tiers
    }

    /// ``uniqueTiers()`` without the check while a hole is open: ``takeNextLeavingHole()`` made the
    /// store unique, and until the hole closes only the run loop, which holds the queue exclusively,
    /// can reach it.
    @inlinable @inline(__always)
    mutating func holeOrUniqueTiers() -> UnsafeMutablePointer<EventTiers> {
        rootIsHole ? store.tiers : uniqueTiers()
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
        let slot = Int(kind.id)
        if slot >= kinds.count || kinds[slot].map({ $0.nameIndex != kind.nameIndex || $0.priority != kind.priority }) ?? true {
            register(kind)
        }
        let node = Node(time: time, sequence: _nextSequence, priority: priority, agent: agent,
                        generation: generation, kind: kind.id)
        _nextSequence &+= 1
        // With a hole open (the hold operation), an event that belongs in the heap fills the slot of
        // the event just dispatched: one sift instead of two.
        if holeOrUniqueTiers().pointee.insert(node, at: time, hole: rootIsHole) {
            rootIsHole = false
            if !cancelled.isEmpty { dropCancelledTop() }
        }
        checkInvariants()
        return EventKey(time: time, priority: priority, sequence: node.sequence)
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
        if !rootIsHole { dropCancelledTop() }
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
        let node = uniqueTiers().pointee.removeRoot()
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

    /// Makes the queue's buffers its own (copies them if another queue shares them), so that
    /// ``takeNextLeavingHole()`` may skip the check.
    @inlinable
    mutating func makeUnique() { _ = uniqueTiers() }

    /// Removes the earliest live event but leaves its slot empty, so that the first event scheduled
    /// next fills it with a single sift (the classic "hold": pop followed by push). The caller must
    /// ``closeHole()`` before anything else reads the queue. Also returns how many events of the same
    /// kind this method returned before (the event's occurrence, see ``takenCounts``).
    /// - Precondition: the buffers are the queue's own: the caller called ``makeUnique()`` and has
    ///   not let the queue be copied since (the run loop holds it exclusively).
    @inlinable @inline(__always)
    mutating func takeNextLeavingHole() -> (event: Event, occurrence: Int)? {
        assert(!rootIsHole, "takeNextLeavingHole() with a hole already open")
        assert(isKnownUniquelyReferenced(&store), "takeNextLeavingHole() on a shared queue: call makeUnique() first")
        let tiers = store.tiers
        guard !tiers.pointee.heap.isEmpty else { return nil }
        let root = tiers.pointee.heap[0], kind = Int(root.kind)
        if kind >= tiers.pointee.taken.count { tiers.pointee.countTaken(upTo: kind) }
        let occurrence = tiers.pointee.taken[kind]
        tiers.pointee.taken[kind] = occurrence &+ 1
        rootIsHole = true
        return (event(root), occurrence)
    }

    /// How many events of each kind ``takeNextLeavingHole()`` has returned, by kind id: the events the
    /// run loop dispatched (``EventContext/occurrence``). Not part of the queue's checkpoint: the
    /// simulation saves them with its own counters.
    public var takenCounts: [Int] { Array(tiers.pointee.taken.elements) }

    /// Sets ``takenCounts`` (restoring a simulation's checkpoint).
    mutating func restoreTakenCounts(_ counts: [Int]) {
        let tiers = uniqueTiers()
        tiers.pointee.taken.removeAll()
        for count in counts { tiers.pointee.taken.append(count) }
    }

    /// Fills a hole left by ``takeNextLeavingHole()`` that no scheduled event filled.
    @inlinable
    mutating func closeHole() {
        guard rootIsHole else { return }
        let tiers = holeOrUniqueTiers()
        rootIsHole = false
        _ = tiers.pointee.removeRoot()
        if !cancelled.isEmpty { dropCancelledTop() }
        checkInvariants()
    }

    /// Drops every event (and the cancellation marks) but keeps the sequence counter and
    /// ``takenCounts`` running.
    public mutating func removeAll() {
        let old = tiers.pointee
        var fresh = EventTiers(spillThreshold: old.spillThreshold, bucketLoad: old.bucketLoad)
        fresh.taken = old.taken.copy()
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
