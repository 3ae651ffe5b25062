import Foundation
import Engine

/// SUBSAMPLE-MFQ: sample-based Q-learning
/// on (s_g, counts of k local agents) from simulated transitions of a k-agent system, the local agents
/// following a fixed pi_l.
///
///   Q(x, a) ← Q(x, a) + α_N (r + γ max_{a'} Q(x', a') - Q(x, a)),   α_N = 1 / N(x, a)^ω
///
/// with x = (s_g, c), r = r_g(s_g, a) + (1/k) Σ_i r_l(s_i, s_g, a_i), N the visit count of (x, a) after
/// this visit and ω = ``Options/learningRateExponent`` in (1/2, 1]. Two ways to get the samples
/// (``Sampling``):
/// * `trajectory` (default): episodes of the k-agent system. Actions are ε-greedy on
///   Q(x, a) + β / √(1 + N(x, a)) (β = ``Options/explorationBonus``, a count-based bonus, 0 by default)
///   and Q starts at ``Options/initialQ`` (optimism when large). Each episode starts like the world's:
///   s_g uniform, local states i.i.d. from a Dirichlet(α) draw (or from a fixed initial law). States
///   never visited get the action of the nearest visited count vector when ``Options/fallback`` is
///   `nearestVisited` (see ``SubsampleMFQ/nearestVisited(_:space:globalStates:visited:)``), G-LEARN's
///   action when it is `gLearn` (a warm start: Q starts at G-LEARN's action values for the same π_l,
///   ``GLearn/actionValues(localPolicy:k:)``, instead of ``Options/initialQ``), else the lowest.
/// * `generative`: synchronous sampling, as the paper's sample-complexity bound assumes: every round
///   draws one transition from every (s_g, c, a_g), the k agents listed state by state from c, and
///   applies the update in state order. The k agents' actions (and, unless the local chain reads
///   s_g', their moves) are drawn once per (s_g, c) and shared by the |A_g| actions, which differ in
///   s_g' only: common random numbers across actions.
/// The number of samples (updates) is reported in ``Result/updates``. Deployed, the
/// greedy table is looked up on a fresh k-of-n subsample at every decision, which makes it a
/// randomized policy of the full state.
public struct SubsampleMFQ: Sendable {
    /// The policy family this learner trains.
    public static let family = PolicyFamily(kind: "subsample-mfq", summary: "SUBSAMPLE-MFQ: epsilon-greedy Q-learning on (s_g, counts of k), fresh subsample per decision")

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
        /// Seed of the `learner` stream (trajectory: cell agent = episode, step 0; generative: agent =
        /// state index, step = round + 1).
        public var seed: UInt64 = 0
        /// Where the samples come from.
        public var sampling = Sampling.trajectory
        /// β of the count-based exploration bonus (trajectory sampling).
        public var explorationBonus = 0.0
        /// The starting value of every Q entry.
        public var initialQ = 0.0
        /// What unvisited states do.
        public var fallback = Fallback.lowestAction
        /// The defaults.
        public init() {}
    }

    /// How samples are drawn (see the type's documentation).
    public enum Sampling: Sendable, Equatable {
        /// ε-greedy episodes of ``Options/episodes`` × ``Options/horizon`` steps.
        case trajectory
        /// `rounds` synchronous sweeps over every (s_g, counts, a_g).
        case generative(rounds: Int)
    }

    /// The deployed action of states no sample visited.
    public enum Fallback: Sendable, Equatable {
        /// Action 0 (the greedy action of an untouched Q row).
        case lowestAction
        /// The greedy action of the nearest visited count vector of the same s_g.
        case nearestVisited
        /// A G-LEARN warm start: Q starts at the action values of G-LEARN (these settings) for the same
        /// local policy, so unvisited states keep G-LEARN's action. The first update of an entry has
        /// learning rate 1 and replaces its starting value; in a state some of whose actions were
        /// sampled, the others keep G-LEARN's values.
        case gLearn(GLearn.Options)
    }

    /// What Q-learning produced.
    public struct Result: Sendable {
        /// The greedy policy (ties and unvisited states: lowest action).
        public let policy: GlobalPolicyTable
        /// Q flat `[s_g][rank][a_g]`.
        public let q: [Double]
        /// Visit counts flat `[s_g][rank][a_g]`.
        public let visits: [Int32]
        /// Updates done (samples used).
        public let updates: Int
        /// The fraction of (s_g, counts) states with at least one update.
        public let visitedFraction: Double
        /// Learning curves: the visited fraction and the mean |TD error| of each block of updates
        /// (1,000 episodes, or one round).
        public let curves: [TrainingCurve]
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
        if case .generative(let rounds) = options.sampling { precondition(rounds >= 1, "generative sampling needs rounds >= 1") }
        self.game = game
        self.gamma = gamma
        self.options = options
    }

    /// Learns Q for k sampled agents that follow `localPolicy`.
    /// - Complexity: (plus one G-LEARN solve with the `gLearn` fallback) trajectory O(episodes · horizon · (k + |A_g| + |S_l|)); generative
    ///   O(rounds · |S_g| · count · (k + |A_g| · (|S_l| + 1))).
    public func train(localPolicy: LocalPolicyTable, k: Int) -> Result {
        precondition(k >= 1 && localPolicy.fits(game), "SUBSAMPLE-MFQ needs k >= 1 and a matching pi_l")
        var state = Trainer(game: game, gamma: gamma, options: options, localPolicy: localPolicy, k: k)
        if case .gLearn(let planner) = options.fallback {
            state.q = GLearn(game: game, gamma: gamma, options: planner).actionValues(localPolicy: localPolicy, k: k).q
        }
        let states = game.globalStates * state.space.count
        var xs: [Double] = [], visited: [Double] = [], errors: [Double] = []
        func record(_ x: Int) {
            xs.append(Double(x))
            visited.append(Double(state.visitedStates()) / Double(states))
            errors.append(state.takeMeanError())
        }
        let unit: String
        switch options.sampling {
        case .trajectory:
            unit = "episode"
            for episode in 0..<options.episodes where !StopRequest.isRequested {
                state.runEpisode(episode)
                if (episode + 1) % 1000 == 0 || episode + 1 == options.episodes { record(episode + 1) }
            }
        case .generative(let rounds):
            unit = "round"
            for round in 0..<rounds where !StopRequest.isRequested {
                state.runRound(round)
                record(round + 1)
            }
        }
        var actions = [Int32](repeating: 0, count: states)
        for x in actions.indices { actions[x] = Int32(state.greedy(x)) }
        if options.fallback == .nearestVisited {
            let seen = (0..<states).map { x in (0..<game.globalActions).contains { state.visits[x * game.globalActions + $0] > 0 } }
            actions = Self.nearestVisited(actions, space: state.space, globalStates: game.globalStates, visited: seen)
        }
        let policy = GlobalPolicyTable(space: state.space, globalStates: game.globalStates,
                                       globalActions: game.globalActions, actions: actions)
        let curves = [TrainingCurve(quantity: "visitedFraction", learner: "SUBSAMPLE-MFQ", unit: unit, x: xs, y: visited),
                      TrainingCurve(quantity: "meanTDError", learner: "SUBSAMPLE-MFQ", unit: unit, x: xs, y: errors)]
        return Result(policy: policy, q: state.q, visits: state.visits, updates: state.updates,
                      visitedFraction: visited.last ?? 0, curves: curves)
    }
}
