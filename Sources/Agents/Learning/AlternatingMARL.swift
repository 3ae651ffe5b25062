import Engine
import Dispatch

/// ALTERNATING-MARL (the module README, "Tabular mean-field game", "Agents and policies"):
/// alternate G-LEARN (best global response to pi_l) and L-LEARN (best local response to pi_g),
/// evaluating each pair by simulation, until the value changes by less than `rtol` (relative).
///
/// Starting point: pi_l uniform, pi_g ≡ 0 (the paper's). After iteration t's pair is evaluated:
/// * a new best value is remembered with its pair;
/// * a drop below the best by more than `rtol` relative reverts to the best pair and stops (alternation
///   is deterministic, so continuing from the best pair would only repeat it);
/// * |J_t - J_{t-1}| < rtol · max(|J_{t-1}|, 1e-6) stops (converged).
/// The returned pair is always the best evaluated one.
public struct AlternatingMARL: Sendable {
    /// Loop settings (defaults: the paper's 5 outer iterations and rtol 0.01).
    public struct Options: Sendable, Equatable {
        /// At most this many G-LEARN/L-LEARN rounds.
        public var outerIterations = 5
        /// Relative value change that counts as converged (and the size of a drop that reverts).
        public var rtol = 0.01
        /// G-LEARN settings.
        public var gLearn = GLearn.Options()
        /// L-LEARN settings.
        public var lLearn = LLearn.Options()
        /// The defaults.
        public init() {}
    }

    /// One line of the training log.
    public struct Iteration: Sendable, Equatable {
        /// 1-based outer iteration.
        public let iteration: Int
        /// The simulated value of this iteration's pair.
        public let value: Double
        /// Wall seconds of this iteration (G-LEARN + L-LEARN + evaluation).
        public let seconds: Double
        /// G-LEARN sweeps and L-LEARN sweeps.
        public let gSweeps: Int, lSweeps: Int
        /// What the loop decided: "best", "kept", "reverted" or "converged".
        public let outcome: String
    }

    /// The trained pair and its log.
    public struct Result: Sendable {
        /// The best pair.
        public let global: GlobalPolicyTable, local: LocalPolicyTable
        /// Its simulated value.
        public let value: Double
        /// One entry per outer iteration.
        public let log: [Iteration]
    }

    /// The game.
    public let game: TabularGame
    /// Discount γ.
    public let gamma: Double
    /// The settings.
    public let options: Options

    /// - Precondition: `outerIterations >= 1`, `rtol >= 0`.
    public init(game: TabularGame, gamma: Double, options: Options = Options()) {
        precondition(options.outerIterations >= 1 && options.rtol >= 0, "outerIterations >= 1 and rtol >= 0")
        self.game = game
        self.gamma = gamma
        self.options = options
    }

    /// Trains for k sampled agents; `evaluate` returns the value of a pair (the caller simulates it
    /// through the engine, with the same seeds each time so iterations are compared on common random
    /// numbers); `progress` receives each log line as it is made.
    public func train(k: Int, evaluate: (GlobalPolicyTable, LocalPolicyTable) throws -> Double,
                      progress: (Iteration) -> Void = { _ in }) rethrows -> Result {
        let gLearner = GLearn(game: game, gamma: gamma, options: options.gLearn)
        let lLearner = LLearn(game: game, gamma: gamma, options: options.lLearn)
        var local = LocalPolicyTable.uniform(for: game)
        var best: (global: GlobalPolicyTable, local: LocalPolicyTable, value: Double)?
        var warm: [Double]? = nil
        var previous: Double? = nil
        var log: [Iteration] = []
        for iteration in 1...options.outerIterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let g = gLearner.solve(localPolicy: local, k: k, warmStart: warm)
            let l = lLearner.solve(globalPolicy: g.policy, localPolicy: local)
            local = l.policy
            warm = g.value
            let value = try evaluate(g.policy, l.policy)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var outcome = "kept"
            if best == nil || value > best!.value {
                best = (g.policy, l.policy, value)
                outcome = "best"
            } else if value < best!.value - abs(best!.value) * options.rtol {
                outcome = "reverted"
            }
            if outcome != "reverted", let p = previous, abs(value - p) < options.rtol * max(abs(p), 1e-6) {
                outcome = "converged"
            }
            let line = Iteration(iteration: iteration, value: value, seconds: seconds,
                                 gSweeps: g.iterations, lSweeps: l.iterations, outcome: outcome)
            log.append(line)
            progress(line)
            if outcome == "reverted" || outcome == "converged" || StopRequest.isRequested { break }
            previous = value
        }
        return Result(global: best!.global, local: best!.local, value: best!.value, log: log)
    }
}
