import Foundation
import Engine

/// SUBSAMPLE-MFQ: sample-based Q-learning
/// on (s_g, counts of k local agents) from simulated transitions of a k-agent system, the local agents
/// following a fixed pi_l.
///
///   Q(x, a) ← Q(x, a) + α_N (r + γ max_{a'} Q(x', a') - Q(x, a)),   α_N = 1 / N(x, a)^ω
///
/// with x = (s_g, c), r = r_g(s_g, a) + (1/k) Σ_i r_l(s_i, s_g, a_i), N the visit count of (x, a) after
/// this visit and ω = ``Options/learningRateExponent`` in (1/2, 1]. Actions are ε-greedy. Each episode
/// starts like the world's: s_g uniform, local states i.i.d. from a Dirichlet(α) draw (or from a fixed
/// initial law). Deployed, the
/// greedy table is looked up on a fresh k-of-n subsample at every decision, which makes it a
/// randomized policy of the full state.
public struct SubsampleMFQ: Sendable {
    /// Learner settings.
    public struct Options: Sendable, Equatable {
        /// Training episodes and their length.
        public var episodes = 2000, horizon = 50
        /// Exploration probability.
        public var epsilon = 0.2
        /// ω of the visit-count learning rate 1/N^ω.
        public var learningRateExponent = 0.7
        /// Concentration of the per-episode Dirichlet initial local law.
        public var dirichletAlpha = 0.3
        /// A fixed initial local law instead of the Dirichlet draw (the world's `initialDistribution`).
        public var initialDistribution: [Double]? = nil
        /// Seed of the `learner` stream (cell agent = episode).
        public var seed: UInt64 = 0
        /// The defaults.
        public init() {}
    }

    /// What Q-learning produced.
    public struct Result: Sendable {
        /// The greedy policy (ties and unvisited states: lowest action).
        public let policy: GlobalPolicyTable
        /// Q flat `[s_g][rank][a_g]`.
        public let q: [Double]
        /// Visit counts flat `[s_g][rank][a_g]`.
        public let visits: [Int32]
        /// Updates done.
        public let updates: Int
    }

    /// The game.
    public let game: TabularGame
    /// Discount γ in [0, 1).
    public let gamma: Double
    /// The settings.
    public let options: Options

    /// - Precondition: `0 <= gamma < 1`, `0 <= epsilon <= 1`, `0.5 < ω <= 1`.
    public init(game: TabularGame, gamma: Double, options: Options = Options()) {
        precondition(gamma >= 0 && gamma < 1, "SUBSAMPLE-MFQ needs 0 <= gamma < 1, got \(gamma)")
        precondition(options.epsilon >= 0 && options.epsilon <= 1, "epsilon must be in [0, 1]")
        precondition(options.learningRateExponent > 0.5 && options.learningRateExponent <= 1,
                     "learningRateExponent must be in (0.5, 1]")
        self.game = game
        self.gamma = gamma
        self.options = options
    }

    /// Learns Q for k sampled agents that follow `localPolicy`.
    /// - Complexity: O(episodes · horizon · (k + |A_g| + |S_l|)).
    public func train(localPolicy: LocalPolicyTable, k: Int) -> Result {
        precondition(k >= 1 && localPolicy.fits(game), "SUBSAMPLE-MFQ needs k >= 1 and a matching pi_l")
        var state = Trainer(game: game, gamma: gamma, options: options, localPolicy: localPolicy, k: k)
        for episode in 0..<options.episodes where !StopRequest.isRequested { state.runEpisode(episode) }
        var actions = [Int32](repeating: 0, count: game.globalStates * state.space.count)
        for x in actions.indices { actions[x] = Int32(state.greedy(x)) }
        let policy = GlobalPolicyTable(space: state.space, globalStates: game.globalStates,
                                       globalActions: game.globalActions, actions: actions)
        return Result(policy: policy, q: state.q, visits: state.visits, updates: state.updates)
    }
}
