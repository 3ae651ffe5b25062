/// Where an ``EventQueue`` keeps its events: a small heap of the earliest ones and, once the queue
/// has grown, the later ones waiting unsorted in O(1) per insert.
///
/// Every pop from a heap of n events walks log₄ n levels: five for 1,000 events, ten (mostly cache
/// misses) for 10^6. So once the heap reaches ``spillThreshold`` events the queue *spills*, in the
/// manner of a ladder queue (Tang, Goh & Thng 2005): the heap keeps only the earliest events and the
/// others wait in
/// - the **rung**: time buckets of equal width; bucket b holds the events with (t − base)·scale = b
///   (rounded to nearest) as a singly linked list through one flat pool (no array per bucket, no
///   allocation per event);
/// - the **top**: events past the last bucket (and infinite or NaN times), in one array.
///
/// When the heap runs dry the next non-empty bucket is heapified and becomes the heap. When the rung
/// is spent, the top is cut into a new rung with about ``bucketLoad`` events per bucket, laid out
/// bucket by bucket (a counting sort) so that draining a large queue reads memory in order; a top too
/// small for that simply becomes the heap again, and the queue is no longer spilled.
///
/// Right after a spill there is no rung: the heap keeps its earliest event, the `bound`, and the
/// events that precede it; every event after it waits in the top until the heap first runs dry.
/// Cutting the buckets only then, when the span of the waiting events is known, is what makes
/// loading many events before running cheap.
///
/// The pop order is exactly `(time, priority, sequence)`: an event's tier is a non-decreasing
/// function of its key (of its time, once there is a rung: equal times share a bucket), so every
/// heap event precedes every waiting one, and the heap orders by the full key.
///
/// The tiers own their buffers (``RawArray``) and are noncopyable: ``init(copying:)`` is the one way
/// to duplicate them (copy-on-write in ``EventQueue``).
@usableFromInline
struct EventTiers: ~Copyable {
    @usableFromInline typealias Node = EventQueue.Node

    /// The heap: children of offset i are 4i+1 … 4i+4.
    @usableFromInline var heap = RawArray<Node>()
    /// Whether events wait outside the heap (in the rung or the top).
    @usableFromInline var isSpilled = false
    /// Without a rung, the heap holds the events whose keys do not follow this one.
    @usableFromInline var bound = Node(time: .infinity, sequence: .max, priority: .max, agent: 0, generation: 0, kind: 0)
    /// The first pool slot of each bucket's list (−1: empty); no buckets when there is no rung.
    @usableFromInline var heads = RawArray<Int32>()
    /// One bit per bucket, set when it holds events: the next non-empty bucket is found a word of 64
    /// buckets at a time, without a branch per empty bucket.
    @usableFromInline var occupied = RawArray<UInt64>()
    /// The bucket whose events went to the heap last; buckets up to it are spent.
    @usableFromInline var current = 0
    /// Bucket b covers the times t with (t − base)·scale within ½ of b (see ``bucket(of:)``).
    @usableFromInline var base: SimTime = 0
    @usableFromInline var scale: Double = 0
    /// The number of buckets as a Double (times at or past it go to the top).
    @usableFromInline var limit: Double = 0
    /// The bucketed events, and each slot's successor in its list (−1 ends a list).
    @usableFromInline var pool = RawArray<Node>()
    @usableFromInline var links = RawArray<Int32>()
    /// The first free pool slot (−1: none); free slots are linked through `links` too.
    @usableFromInline var free: Int32 = -1
    /// Events in the buckets.
    @usableFromInline var bucketed = 0
    /// Events after the rung, or after `bound` when there is none; unsorted.
    @usableFromInline var top = RawArray<Node>()
    /// Events removed by ``EventQueue/removeNext()`` and ``EventQueue/replaceNext(with:at:priority:agent:generation:)``
    /// per kind id (see ``EventQueue/removalCounts``).
    @usableFromInline var removed = RawArray<Int>()
    /// Heap size at which a queue that has not spilled spills.
    @usableFromInline let spillThreshold: Int
    /// ``spillThreshold``, or more after a heap whose times could not be cut into buckets (all
    /// equal) was taken back whole: it then spills again only once it has doubled.
    @usableFromInline var spillAt: Int
    /// Events per bucket, where the waiting events are densest, when a rung is cut (see
    /// ``bucketWidth(_:span:)``).
    @usableFromInline let bucketLoad: Double

    init(spillThreshold: Int, bucketLoad: Double) {
        self.spillThreshold = spillThreshold
        spillAt = spillThreshold
        self.bucketLoad = bucketLoad
    }

    /// Queued events.
    @inlinable var count: Int { heap.count + bucketed + top.count }

    /// The bucket of `time`: (t − base)·scale rounded to the nearest integer, −1 or less before the
    /// first bucket, ``heads``.count or more (the top) past the last and for NaN.
    ///
    /// Rounding by adding 2^52 (the last bit of the sum's mantissa is then a unit) is exact for the
    /// values that reach it, |x| < count, and costs one addition where `Int(x)` checks the range.
    @inlinable @inline(__always)
    func bucket(of time: SimTime) -> Int {
        let x = (time - base) * scale
        guard x < limit else { return heads.count }
        guard x > -1 else { return -1 }
        return Int(bitPattern: UInt((x + 0x1p52).bitPattern)) &- Int(bitPattern: UInt(0x1p52.bitPattern))
    }

    /// Adds `node`, whose time is `time`.
    @inlinable @inline(__always)
    mutating func insert(_ node: Node, at time: SimTime) {
        if isSpilled && fileIfLater(node, at: time) { return }
        heap.append(node)
        siftUp(heap.count - 1)
        if heap.count >= spillAt && !isSpilled { spill() }
    }

    /// Removes the heap's root and adds `node`, whose time is `time`: the hold operation. When `node`
    /// belongs in the heap it takes the root's slot and sifts down once, where a removal and an
    /// insertion would sift twice; otherwise it is filed and the root removed.
    /// - Precondition: the heap is not empty.
    @inlinable @inline(__always)
    mutating func replaceRoot(with node: Node, at time: SimTime) {
        if isSpilled && fileIfLater(node, at: time) {
            _ = removeRoot()
            return
        }
        siftDown(node)
    }

    /// Removes the heap's root, live or not, refilling an emptied heap.
    /// - Precondition: the heap is not empty.
    @inlinable
    mutating func removeRoot() -> Node {
        let last = heap.removeLast()
        guard !heap.isEmpty else {
            if isSpilled { refill() }
            return last
        }
        let root = heap[0]
        siftDown(last)
        return root
    }

    /// Files `node` and returns true when it comes after the heap's events; false when it belongs
    /// in the heap.
    @inlinable @inline(__always)
    mutating func fileIfLater(_ node: Node, at time: SimTime) -> Bool {
        if heads.isEmpty {
            guard Node.precedes(bound, node) else { return false }
            top.append(node)
            return true
        }
        let b = bucket(of: time)
        if b <= current { return false }
        if b < heads.count { link(node, into: b) } else { top.append(node) }
        return true
    }

    /// Pushes `node` on the front of bucket `b`'s list, in a free slot if there is one.
    @inlinable @inline(__always)
    mutating func link(_ node: Node, into b: Int) {
        var slot = free
        if slot >= 0 {
            free = links[Int(slot)]
            pool[Int(slot)] = node
            links[Int(slot)] = heads[b]
        } else {
            slot = Int32(truncatingIfNeeded: pool.count)
            pool.append(node)
            links.append(heads[b])
        }
        heads[b] = slot
        occupied[b &>> 6] |= 1 &<< UInt64(b & 63)
        bucketed &+= 1
    }

    /// Moves bucket `b`'s events to the heap's end, freeing their slots.
    @inlinable @inline(__always)
    mutating func take(bucket b: Int) {
        var slot = heads[b]
        heads[b] = -1
        occupied[b &>> 6] &= ~(1 &<< UInt64(b & 63))
        while slot >= 0 {
            let i = Int(slot)
            heap.append(pool[i])
            let next = links[i]
            links[i] = free
            free = slot
            slot = next
            bucketed &-= 1
        }
    }

    /// Spills a heap that has grown to ``spillAt`` events: it keeps its earliest event, the new
    /// bound, and the others wait in the top.
    @usableFromInline
    mutating func spill() {
        isSpilled = true
        bound = heap[0]
        top.reserve(top.count + heap.count - 1)
        for offset in 1..<heap.count { top.append(heap[offset]) }
        heap.resize(1)
    }

    /// Refills the empty heap: from the next non-empty bucket, else from the top — cut into a new
    /// rung when it is large enough to be worth it, else taken whole, ending the spill.
    @usableFromInline
    mutating func refill() {
        assert(heap.isEmpty && isSpilled, "refill() needs an empty heap and a spilled queue")
        if let next = nextOccupied(after: current) {
            current = next
            take(bucket: next)
            if heap.count > 1 { heapify() }
            return
        }
        var waiting = RawArray<Node>()
        swap(&waiting, &top)
        isSpilled = false
        heads.removeAll()
        occupied.removeAll()
        limit = 0
        pool.removeAll()
        links.removeAll()
        free = -1
        current = 0
        if waiting.count >= spillThreshold / 2 && cutRung(from: &waiting) { return }
        swap(&heap, &waiting)
        heapify()
        spillAt = max(spillThreshold, 2 * heap.count)
    }

    /// Counts the removal of an event of kind id `kind`.
    @inlinable @inline(__always)
    mutating func countRemoval(of kind: Int) {
        if kind >= removed.count { countRemovals(upTo: kind) }
        removed[kind] &+= 1
    }

    /// Extends ``removed`` with zeros to cover kind id `kind`.
    @usableFromInline
    mutating func countRemovals(upTo kind: Int) {
        while removed.count <= kind { removed.append(0) }
    }

    /// The first non-empty bucket after `b`, nil when there is none.
    @inlinable @inline(__always)
    func nextOccupied(after b: Int) -> Int? {
        var word = (b &+ 1) &>> 6
        guard word < occupied.count else { return nil }
        var bits = occupied[word] & (~0 &<< UInt64((b &+ 1) & 63))
        while bits == 0 {
            word &+= 1
            guard word < occupied.count else { return nil }
            bits = occupied[word]
        }
        return word &<< 6 | bits.trailingZeroBitCount
    }

    /// Every event: the heap in heap order, then the buckets in order, then the top.
    @usableFromInline var nodes: [Node] {
        var nodes = Array(heap.elements)
        if !heads.isEmpty {
            for b in (current + 1)..<heads.count { nodes += list(from: heads[b]) }
        }
        return nodes + top.elements
    }

    /// The events of one bucket's list, from `slot` on.
    @usableFromInline func list(from slot: Int32) -> [Node] {
        var nodes: [Node] = [], slot = slot
        while slot >= 0 {
            nodes.append(pool[Int(slot)])
            slot = links[Int(slot)]
        }
        return nodes
    }

    /// A copy with buffers of its own.
    init(copying other: borrowing EventTiers) {
        heap = other.heap.copy()
        isSpilled = other.isSpilled
        bound = other.bound
        heads = other.heads.copy()
        occupied = other.occupied.copy()
        current = other.current
        base = other.base
        scale = other.scale
        limit = other.limit
        pool = other.pool.copy()
        links = other.links.copy()
        free = other.free
        bucketed = other.bucketed
        top = other.top.copy()
        removed = other.removed.copy()
        spillThreshold = other.spillThreshold
        spillAt = other.spillAt
        bucketLoad = other.bucketLoad
    }
}
