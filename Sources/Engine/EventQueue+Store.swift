extension EventQueue {
    /// Owns an ``EventTiers`` and its buffers, for copy-on-write.
    ///
    /// The tiers are reached through a pointer fixed at creation, so reading and writing them costs
    /// no exclusivity or uniqueness checks per access: ``EventQueue`` checks that it holds the only
    /// reference once per mutation and copies the store first if not. That makes a store that is
    /// shared never written, so sending one between threads is safe.
    @usableFromInline
    final class Store: @unchecked Sendable {
        @usableFromInline let tiers: UnsafeMutablePointer<EventTiers>

        @usableFromInline
        init(_ tiers: EventTiers) {
            self.tiers = .allocate(capacity: 1)
            self.tiers.initialize(to: tiers)
        }

        /// A store with copies of this one's buffers.
        @usableFromInline
        func copy() -> Store { Store(tiers.pointee.copy()) }

        deinit {
            tiers.pointee.deallocate()
            tiers.deinitialize(count: 1)
            tiers.deallocate()
        }
    }
}
