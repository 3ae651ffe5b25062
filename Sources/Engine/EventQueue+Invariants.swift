extension EventQueue {
    /// Checks the heap property at every node; compiled only with `-D SIM_INTERNAL_CHECKS`
    /// (STYLE.md 4). The message names the offset and both keys.
    @inline(__always)
    func checkInvariants() {
        #if SIM_INTERNAL_CHECKS
        for child in 1..<max(storage.count, 1) {
            let parent = (child - 1) >> 1
            precondition(!(storage[child].key < storage[parent].key),
                         "heap violated at offset \(child): child \(storage[child].key) < parent \(storage[parent].key)")
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
