extension EventQueue {
    /// Checks the heap property at every node, that the top is live, that every key was issued and
    /// that every waiting event is filed where it belongs; compiled only with `-D SIM_INTERNAL_CHECKS`
    ///. Messages name the offset and the keys.
    @inlinable @inline(__always)
    func checkInvariants() {
        #if SIM_INTERNAL_CHECKS
        let tiers = self.tiers.pointee, heap = Array(tiers.heap.elements)
        for child in 1..<max(heap.count, 1) {
            let parent = (child - 1) >> 2
            precondition(!Node.precedes(heap[child], heap[parent]),
                         "heap violated at offset \(child): child \(heap[child].key) < parent \(heap[parent].key)")
        }
        for (offset, node) in tiers.nodes.enumerated() {
            precondition(node.sequence < _nextSequence,
                         "offset \(offset): key \(node.key) has a sequence the queue never issued (next \(_nextSequence))")
        }
        if let root = heap.first, !rootIsHole {
            precondition(!cancelled.contains(root.sequence), "the top \(root.key) is a cancelled event")
        }
        let filled = heap.enumerated().filter { !($0.offset == 0 && rootIsHole) }
        if tiers.isSpilled && tiers.heads.isEmpty {
            for (offset, node) in filled {
                precondition(!Node.precedes(tiers.bound, node), "heap offset \(offset): key \(node.key) follows the bound \(tiers.bound.key)")
            }
            for node in tiers.top.elements { precondition(Node.precedes(tiers.bound, node), "key \(node.key) in the top precedes the bound") }
        } else if tiers.isSpilled {
            for (offset, node) in filled {
                precondition(tiers.bucket(of: node.time) <= tiers.current,
                             "heap offset \(offset): key \(node.key) belongs to bucket \(tiers.bucket(of: node.time)) > \(tiers.current)")
            }
            for (b, head) in tiers.heads.elements.enumerated() {
                precondition(head < 0 || b > tiers.current, "spent bucket \(b) still holds events")
                for node in tiers.list(from: head) { precondition(tiers.bucket(of: node.time) == b, "key \(node.key) filed in bucket \(b)") }
            }
            for node in tiers.top.elements {
                precondition(tiers.bucket(of: node.time) == tiers.heads.count, "key \(node.key) filed in the top")
            }
            let freeSlots = sequence(first: tiers.free, next: { tiers.links[Int($0)] }).prefix { $0 >= 0 }.count
            precondition(tiers.bucketed + freeSlots == tiers.pool.count,
                         "pool slots leak: \(tiers.bucketed) used + \(freeSlots) free != \(tiers.pool.count)")
        }
        precondition(tiers.bucketed == tiers.heads.elements.reduce(0) { $0 + tiers.list(from: $1).count }, "the bucketed count is off")
        precondition(tiers.count == heap.count || !heap.isEmpty, "events wait behind an empty heap")
        precondition(tiers.isSpilled || tiers.count == heap.count, "events wait in a queue that has not spilled")
        #endif
    }

    /// Whether the heap property holds everywhere (for tests, in any build).
    public var satisfiesHeapProperty: Bool {
        let heap = tiers.pointee.heap
        for child in 1..<max(heap.count, 1) where Node.precedes(heap[child], heap[(child - 1) >> 2]) {
            return false
        }
        return true
    }
}
