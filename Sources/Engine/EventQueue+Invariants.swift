extension EventQueue {
    /// Checks the heap property at every node, that the top is live, that every key was issued and
    /// that every waiting event is filed where it belongs; compiled only with `-D SIM_INTERNAL_CHECKS`.
    /// Messages name the offset and the keys.
    @inlinable @inline(__always)
    func checkInvariants() {
        #if SIM_INTERNAL_CHECKS
        let tiers = self.tiers, heap = Array(tiers.pointee.heap.elements)
        for child in 1..<max(heap.count, 1) {
            let parent = (child - 1) >> 2
            precondition(!Node.precedes(heap[child], heap[parent]),
                         "heap violated at offset \(child): child \(heap[child].key) < parent \(heap[parent].key)")
        }
        for (offset, node) in tiers.pointee.nodes.enumerated() {
            precondition(node.sequence < _nextSequence,
                         "offset \(offset): key \(node.key) has a sequence the queue never issued (next \(_nextSequence))")
        }
        if let root = heap.first {
            precondition(!cancelled.contains(root.sequence), "the top \(root.key) is a cancelled event")
        }
        if tiers.pointee.isSpilled && tiers.pointee.heads.isEmpty {
            for (offset, node) in heap.enumerated() {
                precondition(!Node.precedes(tiers.pointee.bound, node), "heap offset \(offset): key \(node.key) follows the bound \(tiers.pointee.bound.key)")
            }
            for node in tiers.pointee.top.elements { precondition(Node.precedes(tiers.pointee.bound, node), "key \(node.key) in the top precedes the bound") }
        } else if tiers.pointee.isSpilled {
            for (offset, node) in heap.enumerated() {
                precondition(tiers.pointee.bucket(of: node.time) <= tiers.pointee.current,
                             "heap offset \(offset): key \(node.key) belongs to bucket \(tiers.pointee.bucket(of: node.time)) > \(tiers.pointee.current)")
            }
            for (b, head) in tiers.pointee.heads.elements.enumerated() {
                precondition(head < 0 || b > tiers.pointee.current, "spent bucket \(b) still holds events")
                for node in tiers.pointee.list(from: head) { precondition(tiers.pointee.bucket(of: node.time) == b, "key \(node.key) filed in bucket \(b)") }
            }
            for node in tiers.pointee.top.elements {
                precondition(tiers.pointee.bucket(of: node.time) == tiers.pointee.heads.count, "key \(node.key) filed in the top")
            }
            let freeSlots = sequence(first: tiers.pointee.free, next: { tiers.pointee.links[Int($0)] }).prefix { $0 >= 0 }.count
            precondition(tiers.pointee.bucketed + freeSlots == tiers.pointee.pool.count,
                         "pool slots leak: \(tiers.pointee.bucketed) used + \(freeSlots) free != \(tiers.pointee.pool.count)")
        }
        precondition(tiers.pointee.bucketed == tiers.pointee.heads.elements.reduce(0) { $0 + tiers.pointee.list(from: $1).count }, "the bucketed count is off")
        precondition(tiers.pointee.count == heap.count || !heap.isEmpty, "events wait behind an empty heap")
        precondition(tiers.pointee.isSpilled || tiers.pointee.count == heap.count, "events wait in a queue that has not spilled")
        #endif
    }

    /// Whether the heap property holds everywhere (for tests, in any build).
    public var satisfiesHeapProperty: Bool {
        let heap = tiers.pointee.heap.elements
        for child in 1..<max(heap.count, 1) where Node.precedes(heap[child], heap[(child - 1) >> 2]) {
            return false
        }
        return true
    }
}
