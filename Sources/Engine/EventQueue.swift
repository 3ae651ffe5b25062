/// A 4-ary min-heap of events keyed by ``EventKey`` (STYLE.md 4: a hand-written heap over one
/// contiguous array). Pop order is total: `(time, priority, sequence)`; since no two keys are equal,
/// the order does not depend on the heap's shape.
///
/// Goals, in order: (1) that exact order; (2) no reference counting or allocation per event — the
/// heap holds 32-byte plain ``Node``s and the kinds live in a small side table indexed by kind id;
/// (3) few cache misses on large queues — four children per node halve the depth of a binary heap,
/// and a queue that grows past ``spillThreshold`` events keeps only its earliest time bucket in the
/// heap and the later events in unsorted time buckets (see `EventQueue+Buckets.swift`).
///
/// Cancellation is lazy: ``cancel(sequence:)`` records the sequence number and the event is dropped
/// when it reaches the top. The top is always a live event (every mutation ends by dropping cancelled
/// events from the top), so ``nextTime`` and ``peek`` never report an event that will not be popped —
/// `run(until:)` relies on that to never dispatch past `until`.
public struct EventQueue: Sendable {
    /// One queued event, without its kind's name.
    @usableFromInline
    struct Node: Sendable {
        /// The time as an order-preserving integer (``timeKey(_:)``): integer comparisons are cheaper
        /// than floating-point ones and compile to flag-setting instructions without parity checks.
        @usableFromInline var timeKey: UInt64
        @usableFromInline var sequence: UInt64
        @usableFromInline var priority: Int32
        @usableFromInline var agent: Int32
        @usableFromInline var generation: UInt32
        @usableFromInline var kind: UInt16

        @inlinable
        init(time: SimTime, sequence: UInt64, priority: Int32, agent: Int32, generation: UInt32, kind: UInt16) {
            timeKey = Self.timeKey(time)
            self.sequence = sequence
            self.priority = priority
            self.agent = agent
            self.generation = generation
            self.kind = kind
        }

        /// Maps times to integers in the same order: `a < b` iff `timeKey(a) < timeKey(b)` for all
        /// non-NaN times (−0 is first made +0, so the two zeros stay equal, as `==` says they are).
        @inlinable @inline(__always)
        static func timeKey(_ time: SimTime) -> UInt64 {
            let bits = (time + 0.0).bitPattern
            let negative = UInt64(bitPattern: Int64(bitPattern: bits) &>> 63)
            return bits ^ (negative | 0x8000_0000_0000_0000)
        }

        /// The time back from its key (exact).
        @inlinable @inline(__always)
        var time: SimTime {
            let positive = timeKey & 0x8000_0000_0000_0000 != 0
            return SimTime(bitPattern: positive ? timeKey ^ 0x8000_0000_0000_0000 : ~timeKey)
        }

        /// `(time, priority, sequence)` order, as ``EventKey``'s `<`.
        @inlinable @inline(__always)
        static func precedes(_ a: Node, _ b: Node) -> Bool {
            if a.timeKey != b.timeKey { return a.timeKey < b.timeKey }
            if a.priority != b.priority { return a.priority < b.priority }
            return a.sequence < b.sequence
        }

        /// 1 when `a` precedes `b`, else 0. Used as an index offset when choosing the smallest child,
        /// so that the choice is arithmetic rather than a branch: in a large queue the children's keys
        /// are in random order, and the mispredicted branches would cost more than the whole heap walk.
        /// Equal times (the tie-breakers) take a branch, which is rare or else well predicted.
        @inlinable @inline(__always)
        static func precedesBit(_ a: Node, _ b: Node) -> Int {
            if a.timeKey != b.timeKey { return Int(unsafeBitCast(a.timeKey < b.timeKey, to: UInt8.self)) }
            return Int(unsafeBitCast(precedes(a, b), to: UInt8.self))
        }

        @inlinable var key: EventKey { EventKey(time: time, priority: priority, sequence: sequence) }
    }

    /// The heap: children of offset i are 4i+1 … 4i+4.
    @usableFromInline var storage: ContiguousArray<Node> = []
    /// Kinds by id, as last scheduled (nil where no kind with that id was seen).
    @usableFromInline var kinds: ContiguousArray<EventKind?> = []
    @usableFromInline var cancelled: Set<UInt64> = []
    /// True between ``takeNextLeavingHole()`` and the next ``schedule(_:at:priority:agent:generation:)``
    /// or ``closeHole()``: the root slot is empty. Only the run loop opens a hole, around one dispatch,
    /// during which the model cannot see the queue; every public member sees a queue without one.
    @usableFromInline var rootIsHole = false
    @usableFromInline var _nextSequence: UInt64 = 0
    /// Events later than the heap's time bucket, once the queue has spilled; empty otherwise.
    /// Invariant: whenever it holds events the heap is not empty, and every heap event precedes them.
    @usableFromInline var later = LaterEvents()
    /// Heap size at which the queue spills into time buckets.
    @usableFromInline let spillThreshold: Int
    /// Events per time bucket when spilling.
    @usableFromInline let bucketSize: Int

    /// The next sequence number ``schedule(_:at:priority:agent:generation:)`` will assign.
    public var nextSequence: UInt64 { _nextSequence }

    public init() {
        self.init(spillThreshold: 1 << 15, bucketSize: 1 << 6)
    }

    /// A queue that spills into buckets of about `bucketSize` events once its heap reaches
    /// `spillThreshold` events (tests use small values to exercise the buckets).
    init(spillThreshold: Int, bucketSize: Int) {
        precondition(spillThreshold >= 2 && bucketSize >= 1, "spillThreshold >= 2 and bucketSize >= 1")
        self.spillThreshold = spillThreshold
        self.bucketSize = bucketSize
    }

    /// Number of queued events, cancelled ones below the top included until they are reached.
    @inlinable public var count: Int { storage.count + later.count }
    /// Whether nothing is queued.
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// Time of the earliest live event, nil when none is queued.
    /// - Complexity: O(1).
    @inlinable public var nextTime: SimTime? { storage.isEmpty ? nil : storage[0].time }

    /// The earliest live event without removing it.
    /// - Complexity: O(1).
    @inlinable public var peek: Event? { storage.isEmpty ? nil : event(storage[0]) }

    /// Schedules `kind` at `time` and returns its key.
    /// - Precondition: no other kind with the same id (a different name or priority) is queued in this
    ///   queue; ``EventKind`` equality is by id, so two such kinds could not be told apart anyway.
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public mutating func schedule(_ kind: EventKind, at time: SimTime, priority: Int32? = nil,
                                  agent: Int32 = Event.population, generation: UInt32 = 0) -> EventKey {
        let slot = Int(kind.id)
        if slot >= kinds.count || kinds[slot].map({ $0.nameIndex != kind.nameIndex || $0.priority != kind.priority }) ?? true {
            register(kind)
        }
        let node = Node(time: time, sequence: _nextSequence, priority: priority ?? kind.priority, agent: agent,
                        generation: generation, kind: kind.id)
        _nextSequence &+= 1
        if later.isActive {
            let bucket = later.bucket(of: time)
            if bucket > later.current {
                later.insert(node, bucket: bucket)
                // An empty heap must not hide it (found by the model check: a queue drained to its last
                // bucket filed a new far-future event in the overflow, and nextTime said nil).
                if storage.isEmpty { refill() }
                checkInvariants()
                return node.key
            }
        }
        if rootIsHole {
            // The hold operation: the event replaces the one just dispatched, one sift instead of two.
            rootIsHole = false
            siftDown(node)
            if !cancelled.isEmpty { dropCancelledTop() }
        } else {
            storage.append(node)
            siftUp(storage.count - 1)
            // Spill as soon as the heap is large: later events then go straight to their buckets.
            if storage.count >= spillThreshold && !later.isActive { spill() }
        }
        checkInvariants()
        return node.key
    }

    /// Records `kind` in the side table (first use of its id).
    @usableFromInline
    mutating func register(_ kind: EventKind) {
        let slot = Int(kind.id)
        if slot >= kinds.count { kinds += repeatElement(nil, count: slot + 1 - kinds.count) }
        if let known = kinds[slot], known.nameIndex != kind.nameIndex || known.priority != kind.priority,
           storage.contains(where: { $0.kind == kind.id }) || later.contains(kind: kind.id) {
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
        storage.isEmpty ? nil : removeNext()
    }

    /// Removes and returns the earliest live event.
    /// - Precondition: the queue is not empty.
    /// - Complexity: O(log n) amortized.
    @inlinable
    public mutating func removeNext() -> Event {
        precondition(!storage.isEmpty, "removeNext() on an empty event queue")
        if storage.count >= spillThreshold && !later.isActive { spill() }
        let top = event(removeNextNode())
        if !cancelled.isEmpty { dropCancelledTop() }
        checkInvariants()
        return top
    }

    /// Restores "the top is live". Marks of events that are no longer queued (cancelled after they
    /// were popped) are forgotten once the queue empties, so the mark set cannot grow without bound.
    @usableFromInline
    mutating func dropCancelledTop() {
        guard !cancelled.isEmpty else { return }
        while !storage.isEmpty, cancelled.remove(storage[0].sequence) != nil { _ = removeNextNode() }
        if storage.isEmpty { cancelled.removeAll() }   // removeNextNode refills from the buckets, so all is empty
    }

    /// Removes the earliest live event but leaves its slot empty, so that the first event scheduled
    /// next fills it with a single sift (the classic "hold": pop followed by push). The caller must
    /// ``closeHole()`` before anything else reads the queue.
    @inlinable
    mutating func takeNextLeavingHole() -> Event? {
        assert(!rootIsHole, "takeNextLeavingHole() with a hole already open")
        guard !storage.isEmpty else { return nil }
        if storage.count >= spillThreshold && !later.isActive { spill() }
        rootIsHole = true
        return event(storage[0])
    }

    /// Fills a hole left by ``takeNextLeavingHole()`` that no scheduled event filled.
    @inlinable
    mutating func closeHole() {
        guard rootIsHole else { return }
        rootIsHole = false
        let last = storage.removeLast()
        if !storage.isEmpty { siftDown(last) } else if later.count > 0 { refill() }
        if !cancelled.isEmpty { dropCancelledTop() }
        checkInvariants()
    }

    /// Drops every event (and the cancellation marks) but keeps the sequence counter running.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        later = LaterEvents()
        cancelled.removeAll()
    }

    /// Snapshot of the queued events: the heap in heap order, then the later buckets in bucket order
    /// (for checkpoints and inspection; not sorted).
    public var events: [Event] { (storage + later.all).map(event) }

    @inlinable @inline(__always)
    func event(_ node: Node) -> Event {
        Event(key: node.key, kind: kinds[Int(node.kind)]!, agent: node.agent, generation: node.generation)
    }

    /// Removes the top of the heap, live or not (callers restore "the top is live" and check).
    @inlinable
    mutating func removeNextNode() -> Node {
        let last = storage.removeLast()
        guard !storage.isEmpty else {
            // Drained: refill from the buckets, or leave the spilled state so new events go to the heap.
            if later.count > 0 { refill() } else if later.isActive { later = LaterEvents() }
            return last
        }
        let top = storage[0]
        siftDown(last)
        return top
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            var child = start
            let moving = heap[child]
            while child > 0 {
                let parent = (child - 1) >> 2
                guard Node.precedes(moving, heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = moving
        }
    }

    /// Fills the root with `moving`, bottom-up (Wegener): the hole at the root follows the smallest
    /// child down to a leaf, then `moving` climbs back from there. The element taken from the end of the
    /// heap usually belongs near the bottom, so this saves the comparison with `moving` at every level.
    @inlinable
    mutating func siftDown(_ moving: Node) {
        storage.withUnsafeMutableBufferPointer { heap in
            guard let base = heap.baseAddress else { return }
            let count = heap.count
            var hole = 0, first = 1
            while first &+ 3 < count {
                // A tournament over four children: two independent comparisons, then one; the winner
                // is picked by arithmetic on the comparison bits, not by branches.
                let left = first &+ Node.precedesBit(base[first &+ 1], base[first])
                let right = first &+ 2 &+ Node.precedesBit(base[first &+ 3], base[first &+ 2])
                let best = left &+ ((right &- left) & (0 &- Node.precedesBit(base[right], base[left])))
                base[hole] = base[best]
                hole = best
                first = best &* 4 &+ 1
            }
            if first < count {
                // The last, partial family; the chosen child has no children of its own.
                var best = first, child = first &+ 1
                while child < count {
                    if Node.precedes(base[child], base[best]) { best = child }
                    child &+= 1
                }
                base[hole] = base[best]
                hole = best
            }
            while hole > 0 {
                let parent = (hole &- 1) &>> 2
                guard Node.precedes(moving, base[parent]) else { break }
                base[hole] = base[parent]
                hole = parent
            }
            base[hole] = moving
        }
    }
}
