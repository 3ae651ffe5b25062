extension TimeSeriesWorld {
    /// The run's roles that live outside the simulator — a client population or a server mixture
    /// decided by an external process — which the end of the run stops, and which no checkpoint holds.
    var processRoles: [any PolicyRole] {
        [setup.policy as? any PolicyRole, setup.mixtureRule as? any PolicyRole].compactMap { $0 }
    }

    /// Why this run cannot be checkpointed: a role in another process (nil when every role is built in).
    public var checkpointRefusal: String? { processRoles.lazy.compactMap(\.checkpointRefusal).first }
}
