extension EventQueue {
    /// Checks the heap property at every node, that the top is live and that every key was issued;
    /// compiled only with `-D SIM_INTERNAL_CHECKS` (STYLE.md 4). Messages name the offset and the keys.
    @inline(__always)
    func checkInvariants() {
        #if SIM_INTERNAL_CHECKS
        for child in 1..<max(storage.count, 1) {
            let parent = (child - 1) >> 1
            precondition(!(storage[child].key < storage[parent].key),
                         "heap violated at offset \(child): child \(storage[child].key) < parent \(storage[parent].key)")
        }
        for (offset, event) in storage.enumerated() {
            precondition(event.key.sequence < nextSequence,
                         "offset \(offset): key \(event.key) has a sequence the queue never issued (next \(nextSequence))")
        }
        if let top = storage.first {
            precondition(!cancelled.contains(top.key.sequence), "the top \(top.key) is a cancelled event")
        }
        #endif
    }

    /// Whether the heap property holds everywhere (for tests, in any build).
    public var satisfiesHeapProperty: Bool {
        for child in storage.indices.dropFirst() where storage[child].key < storage[(child - 1) >> 1].key {
            return false
        }
        return true
    }
}
