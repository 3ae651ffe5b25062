/// Which events a trace keeps: by kind name, agent range and time window.
///
/// The agent range applies to per-agent events; population-wide events (agent nil) always pass it.
public struct TraceFilter: Sendable, Equatable {
    /// Kind names to keep; nil keeps every kind.
    public var kinds: Set<String>?
    /// Agents to keep; nil keeps every agent.
    public var agents: ClosedRange<Int>?
    /// Time window to keep (inclusive); nil keeps all times.
    public var window: ClosedRange<SimTime>?

    public init(kinds: Set<String>? = nil, agents: ClosedRange<Int>? = nil, window: ClosedRange<SimTime>? = nil) {
        self.kinds = kinds
        self.agents = agents
        self.window = window
    }

    /// Whether an event with these fields is kept.
    public func accepts(kind: String, agent: Int?, time: SimTime) -> Bool {
        if let kinds, !kinds.contains(kind) { return false }
        if let window, !window.contains(time) { return false }
        if let agents, let agent, !agents.contains(agent) { return false }
        return true
    }
}
