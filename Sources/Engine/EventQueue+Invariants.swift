extension EventQueue {
    /// Checks the heap property at every node; compiled only with `-D SIM_INTERNAL_CHECKS`
    /// (STYLE.md 4). The message names the offset and both keys.
    @inlinable @inline(__always)
    func checkInvariants() {
        #if SIM_INTERNAL_CHECKS
        for child in 1..<max(storage.count, 1) {
            let parent = (child - 1) >> 2
            precondition(!Node.precedes(storage[child], storage[parent]),
                         "heap violated at offset \(child): child \(storage[child].key) < parent \(storage[parent].key)")
        }
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
