/// What a policy is told when a run starts (``GlobalPolicy/startRun(_:)``): the world, its sizes and the
/// run's settings, so that a policy outside the simulator can check it fits and seed its own randomness.
public struct PolicyRun: Sendable, Equatable {
    /// The world kind (`ring-zones`, `tabular`, `robots-continuous`).
    public var world: String
    /// The run's seed; an external policy receives a seed derived from it.
    public var seed: UInt64
    /// n local agents, k sampled per observation.
    public var agents: Int, k: Int
    /// Steps per episode, episodes per run, discount factor.
    public var horizon: Int, episodes: Int, gamma: Double
    /// |S_g| (or the bins of s_g), |A_g|, and the length of the counts vector (|S_l|, or histogram bins).
    public var globalStates: Int, globalActions: Int, countBins: Int
    /// |A_l| of a tabular world's local agents (0 where the world has no local action set), for a
    /// local-population policy; its states are the `countBins` local states.
    public var localActions: Int

    public init(world: String, seed: UInt64, agents: Int, k: Int, horizon: Int, episodes: Int, gamma: Double,
                globalStates: Int, globalActions: Int, countBins: Int, localActions: Int = 0) {
        self.world = world
        self.seed = seed
        self.agents = agents
        self.k = k
        self.horizon = horizon
        self.episodes = episodes
        self.gamma = gamma
        self.globalStates = globalStates
        self.globalActions = globalActions
        self.countBins = countBins
        self.localActions = localActions
    }
}
