/// The run settings of a tabular world.
public struct TabularWorldConfig: Encodable, Sendable, Equatable {
    /// n, the number of local agents.
    public var agents: Int
    /// k, how many local agents the global agent samples per observation.
    public var k: Int
    /// Discount factor γ.
    public var gamma: Double
    /// Steps per episode.
    public var horizon: Int
    /// How each episode's initial local distribution μ_0 is chosen.
    public var initial: Initial

    /// The initial local distribution of an episode; agents are i.i.d. from it.
    public enum Initial: Encodable, Sendable, Equatable {
        /// μ_0 ~ Dirichlet(α, …, α) per episode (ring-zones: α = 0.3).
        case dirichlet(alpha: Double)
        /// A fixed μ_0.
        case fixed([Double])
    }

    public init(agents: Int, k: Int, gamma: Double, horizon: Int, initial: Initial) {
        self.agents = agents
        self.k = k
        self.gamma = gamma
        self.horizon = horizon
        self.initial = initial
    }
}
