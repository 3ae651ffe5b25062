/// One traced event: `{"t":…, "seq":…, "kind":…, "agent":…, …payload}`.
public struct TraceRecord: Sendable, Equatable {
    /// Simulated time.
    public var time: SimTime
    /// The event's sequence number.
    public var sequence: UInt64
    /// The event kind's name.
    public var kind: String
    /// The agent concerned, nil for population-wide events.
    public var agent: Int?
    /// Model-specific fields, in the order the model added them.
    public var payload: [(key: String, value: TraceValue)]

    public init(time: SimTime, sequence: UInt64, kind: String, agent: Int?, payload: [(key: String, value: TraceValue)] = []) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.agent = agent
        self.payload = payload
    }

    public static func == (a: TraceRecord, b: TraceRecord) -> Bool {
        a.time == b.time && a.sequence == b.sequence && a.kind == b.kind && a.agent == b.agent
            && a.payload.map(\.key) == b.payload.map(\.key) && a.payload.map(\.value) == b.payload.map(\.value)
    }
}
