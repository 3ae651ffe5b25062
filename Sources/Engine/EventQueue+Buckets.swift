/// The later tier of a large ``EventQueue``.
///
/// A heap of 10^6 events is 32 MB: every pop walks ten levels, most of them cache misses. When the heap
/// reaches `spillThreshold` events the queue *spills*: it cuts the span of queued times into buckets of
/// about `bucketSize` events, keeps the earliest bucket as its heap, and puts the rest, unsorted, into
/// ``LaterEvents``. New events beyond the current bucket are appended to theirs in O(1); when the heap
/// runs dry the next non-empty bucket is heapified (O(bucket)) and becomes the heap. Events beyond the
/// last bucket wait in an overflow bag that becomes the heap (and may spill again) after the buckets.
///
/// The pop order is unchanged: the bucket index is a non-decreasing function of time, so every event in
/// the heap precedes every later one (equal times share a bucket), and within the heap the order is the
/// full `(time, priority, sequence)` key as always.
extension EventQueue {
    @usableFromInline
    struct LaterEvents: Sendable {
        /// Unsorted events by time bucket; buckets up to ``current`` are spent (their events went to the heap).
        @usableFromInline var buckets: [ContiguousArray<Node>] = []
        /// The bucket whose time range the heap covers.
        @usableFromInline var current = 0
        /// Bucket b covers times t with ⌊(t − base)·scale⌋ = b.
        @usableFromInline var base: SimTime = 0
        @usableFromInline var scale: Double = 0
        /// Events at or beyond the end of the last bucket (and NaN times).
        @usableFromInline var overflow: ContiguousArray<Node> = []
        /// Events in the buckets and the overflow.
        @usableFromInline var count = 0

        @usableFromInline init() {}

        /// Whether the queue has spilled.
        @inlinable var isActive: Bool { !buckets.isEmpty }

        /// The bucket of `time`: −1 before the first, `buckets.count` (the overflow) past the last or for NaN.
        @inlinable
        func bucket(of time: SimTime) -> Int {
            let x = (time - base) * scale
            if x < Double(buckets.count) { return x > -1 ? Int(x) : -1 }
            return buckets.count
        }

        @inlinable
        mutating func insert(_ node: Node, bucket: Int) {
            if bucket < buckets.count { buckets[bucket].append(node) } else { overflow.append(node) }
            count += 1
        }

        /// Every event, bucket by bucket, then the overflow.
        var all: ContiguousArray<Node> { ContiguousArray(buckets.joined()) + overflow }

        func contains(kind: UInt16) -> Bool {
            buckets.contains { $0.contains { $0.kind == kind } } || overflow.contains { $0.kind == kind }
        }
    }

    /// Moves every event but the earliest bucket out of the heap (see ``LaterEvents``). Does nothing
    /// when the finite times span no interval (all equal, or too wide for a Double).
    @usableFromInline
    mutating func spill() {
        var low = SimTime.infinity, high = -SimTime.infinity
        for node in storage {
            let time = node.time
            if time.isFinite { low = min(low, time); high = max(high, time) }
        }
        guard low < high else { return }
        let bucketCount = max(2, storage.count / bucketSize)
        let scale = Double(bucketCount) / (high - low)
        guard scale.isFinite && scale > 0 else { return }
        var spilled = LaterEvents()
        spilled.base = low
        spilled.scale = scale
        spilled.buckets = Array(repeating: [], count: bucketCount)
        var sizes = [Int](repeating: 0, count: bucketCount + 1)
        for node in storage { sizes[max(spilled.bucket(of: node.time), 0)] += 1 }
        for b in 1..<bucketCount { spilled.buckets[b].reserveCapacity(sizes[b]) }
        spilled.overflow.reserveCapacity(sizes[bucketCount])
        var heap = ContiguousArray<Node>()
        heap.reserveCapacity(sizes[0])
        for node in storage {
            let bucket = spilled.bucket(of: node.time)
            if bucket <= 0 { heap.append(node) } else { spilled.insert(node, bucket: bucket) }
        }
        storage = heap
        later = spilled
        heapify()
        if storage.isEmpty { refill() }
        checkInvariants()
    }

    /// Makes the next non-empty bucket the heap (or, past the last bucket, the overflow, leaving the
    /// spilled state). Called when the heap runs dry while later events remain.
    @usableFromInline
    mutating func refill() {
        precondition(storage.isEmpty && later.count > 0, "refill() needs an empty heap and later events")
        while later.current + 1 < later.buckets.count {
            later.current += 1
            if !later.buckets[later.current].isEmpty {
                storage = later.buckets[later.current]
                later.buckets[later.current] = []
                later.count -= storage.count
                heapify()
                return
            }
        }
        storage = later.overflow
        later = LaterEvents()
        heapify()
    }

    /// Floyd's bottom-up heap construction over ``storage``, O(n).
    @usableFromInline
    mutating func heapify() {
        let count = storage.count
        guard count > 1 else { return }
        storage.withUnsafeMutableBufferPointer { heap in
            for start in stride(from: (count - 2) / 4, through: 0, by: -1) {
                var parent = start
                let moving = heap[parent]
                while true {
                    let first = 4 * parent + 1
                    guard first < count else { break }
                    var best = first
                    for child in first + 1..<min(first + 4, count) where Node.precedes(heap[child], heap[best]) { best = child }
                    guard Node.precedes(heap[best], moving) else { break }
                    heap[parent] = heap[best]
                    parent = best
                }
                heap[parent] = moving
            }
        }
    }
}
