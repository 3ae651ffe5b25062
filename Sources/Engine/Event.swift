/// One scheduled event: its key, kind, and the agent it concerns.
///
/// Events are small values (no payload pointers) so the heap moves them cheaply. `generation` supports
/// lazy cancellation: a model bumps an agent's generation and skips events carrying an older one.
public struct Event: Sendable, Equatable {
    /// Order key.
    public var key: EventKey
    /// What happens.
    public var kind: EventKind
    /// The agent concerned, or -1 for the whole population / the global agent.
    public var agent: Int32
    /// The agent generation the event was scheduled for.
    public var generation: UInt32

    /// Agent value meaning "no single agent".
    public static let population: Int32 = -1

    public init(key: EventKey, kind: EventKind, agent: Int32 = Event.population, generation: UInt32 = 0) {
        self.key = key
        self.kind = kind
        self.agent = agent
        self.generation = generation
    }

    /// Simulated time of the event.
    @inlinable public var time: SimTime { key.time }
}
