extension EventQueue {
    /// Checks the heap property at every node, that the top is live and that every key was issued;
    /// compiled only with `-D SIM_INTERNAL_CHECKS` (STYLE.md 4). Messages name the offset and the keys.
    @inlinable @inline(__always)
    func checkInvariants() {
        #if SIM_INTERNAL_CHECKS
        for child in 1..<max(storage.count, 1) {
            let parent = (child - 1) >> 2
            precondition(!Node.precedes(storage[child], storage[parent]),
                         "heap violated at offset \(child): child \(storage[child].key) < parent \(storage[parent].key)")
        }
        for (offset, node) in storage.enumerated() {
            precondition(node.sequence < _nextSequence,
                         "offset \(offset): key \(node.key) has a sequence the queue never issued (next \(_nextSequence))")
        }
        if let top = storage.first, !rootIsHole {
            precondition(!cancelled.contains(top.sequence), "the top \(top.key) is a cancelled event")
        }
        if later.isActive {
            for (offset, node) in storage.enumerated() where !(offset == 0 && rootIsHole) {
                precondition(later.bucket(of: node.time) <= later.current,
                             "heap offset \(offset): key \(node.key) belongs to bucket \(later.bucket(of: node.time)) > \(later.current)")
            }
            for (b, bucket) in later.buckets.enumerated() {
                precondition(bucket.isEmpty || b > later.current, "spent bucket \(b) still holds \(bucket.count) events")
                for node in bucket { precondition(later.bucket(of: node.time) == b, "key \(node.key) filed in bucket \(b)") }
            }
            for node in later.overflow {
                precondition(later.bucket(of: node.time) == later.buckets.count, "key \(node.key) filed in the overflow")
            }
        }
        precondition(later.count == later.buckets.reduce(later.overflow.count) { $0 + $1.count }, "later.count is off")
        precondition(later.count == 0 || !storage.isEmpty, "later events wait behind an empty heap")
        #endif
    }

    /// Whether the heap property holds everywhere (for tests, in any build).
    public var satisfiesHeapProperty: Bool {
        for child in storage.indices.dropFirst() where Node.precedes(storage[child], storage[(child - 1) >> 2]) {
            return false
        }
        return true
    }
}
