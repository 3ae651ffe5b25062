/// A binary min-heap of events keyed by ``EventKey`` (STYLE.md 4: a hand-written heap over one
/// contiguous array). Pop order is total: `(time, priority, sequence)`.
///
/// Cancellation is lazy: ``cancel(sequence:)`` records the sequence number and the event is dropped
/// when it reaches the top. The top is always a live event (every mutation ends by dropping cancelled
/// events from the top), so ``nextTime`` and ``peek`` never report an event that will not be popped —
/// `run(until:)` relies on that to never dispatch past `until`.
public struct EventQueue: Sendable {
    @usableFromInline var storage: ContiguousArray<Event> = []
    var cancelled: Set<UInt64> = []
    /// The next sequence number ``schedule(_:at:priority:agent:generation:)`` will assign.
    public internal(set) var nextSequence: UInt64 = 0

    public init() {}

    /// Number of queued events, cancelled ones below the top included until they are reached.
    public var count: Int { storage.count }
    /// Whether nothing is queued.
    public var isEmpty: Bool { storage.isEmpty }

    /// Time of the earliest live event, nil when none is queued.
    /// - Complexity: O(1).
    public var nextTime: SimTime? { storage.first?.key.time }

    /// The earliest live event without removing it.
    /// - Complexity: O(1).
    public var peek: Event? { storage.first }

    /// Schedules `kind` at `time` and returns its key.
    /// - Complexity: O(log n).
    @discardableResult
    public mutating func schedule(_ kind: EventKind, at time: SimTime, priority: Int32? = nil,
                                  agent: Int32 = Event.population, generation: UInt32 = 0) -> EventKey {
        let key = EventKey(time: time, priority: priority ?? kind.priority, sequence: nextSequence)
        nextSequence &+= 1
        storage.append(Event(key: key, kind: kind, agent: agent, generation: generation))
        siftUp(storage.count - 1)
        checkInvariants()
        return key
    }

    /// Marks the event with this sequence number as cancelled; it will never be popped.
    ///
    /// Cancelling an event that was already popped or cancelled does nothing. A sequence number the
    /// queue has not issued yet is refused (returns false): marking it would silently drop a future
    /// event.
    /// - Complexity: O(1) unless the event is on top, then O(log n) per cancelled event dropped.
    @discardableResult
    public mutating func cancel(sequence: UInt64) -> Bool {
        guard sequence < nextSequence else { return false }
        cancelled.insert(sequence)
        dropCancelledTop()
        checkInvariants()
        return true
    }

    /// Removes and returns the earliest live event, nil when none is left.
    /// - Complexity: O(log n) amortized.
    public mutating func popNext() -> Event? {
        storage.isEmpty ? nil : removeNext()
    }

    /// Removes and returns the earliest live event.
    /// - Precondition: the queue is not empty.
    /// - Complexity: O(log n) amortized.
    public mutating func removeNext() -> Event {
        precondition(!storage.isEmpty, "removeNext() on an empty event queue")
        let top = removeTop()
        dropCancelledTop()
        checkInvariants()
        return top
    }

    /// Drops every event (and the cancellation marks) but keeps the sequence counter running.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        cancelled.removeAll()
    }

    /// Removes the top of the heap, live or not.
    private mutating func removeTop() -> Event {
        let last = storage.removeLast()
        guard !storage.isEmpty else { return last }
        let top = storage[0]
        storage[0] = last
        siftDown(0)
        return top
    }

    /// Restores "the top is live". Marks of events that are no longer queued (cancelled after they
    /// were popped) are forgotten once the queue empties, so the mark set cannot grow without bound.
    private mutating func dropCancelledTop() {
        guard !cancelled.isEmpty else { return }
        while let top = storage.first, cancelled.remove(top.key.sequence) != nil { _ = removeTop() }
        if storage.isEmpty { cancelled.removeAll() }
    }

    /// Snapshot of the queued events in heap order (for checkpoints and inspection).
    public var events: [Event] { Array(storage) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let moving = storage[child]
        while child > 0 {
            let parent = (child - 1) >> 1
            guard moving.key < storage[parent].key else { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = moving
    }

    private mutating func siftDown(_ start: Int) {
        let count = storage.count
        var parent = start
        let moving = storage[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && storage[child + 1].key < storage[child].key { child += 1 }
            guard storage[child].key < moving.key else { break }
            storage[parent] = storage[child]
            parent = child
        }
        storage[parent] = moving
    }
}
