extension EventQueue {
    /// Owns an ``EventTiers`` (whose ``RawArray`` buffers own their memory), for copy-on-write.
    ///
    /// The tiers sit in one block that the store allocates in `init` and frees in `deinit`, so they
    /// are reached through a pointer fixed at creation: reading and writing them costs no exclusivity
    /// or uniqueness checks per access. ``EventQueue`` checks that it holds the only reference once
    /// per mutation and copies the store first if not.
    @usableFromInline
    // Safe to send: a store that more than one queue references is never written (copy-on-write
    // above), and one that a single queue references moves with that queue.
    final class Store: @unchecked Sendable {
        @usableFromInline let tiers: UnsafeMutablePointer<EventTiers>

        @usableFromInline
        init(_ tiers: consuming EventTiers) {
            self.tiers = .allocate(capacity: 1)
            self.tiers.initialize(to: tiers)
        }

        /// A store with copies of this one's buffers.
        @usableFromInline
        func copy() -> Store { Store(EventTiers(copying: tiers.pointee)) }

        deinit {
            tiers.deinitialize(count: 1)
            tiers.deallocate()
        }
    }
}
