import Engine
import Dispatch

/// ALTERNATING-MARL (the module README, "Tabular mean-field game", "Agents and policies"):
/// alternate G-LEARN (best global response to pi_l) and L-LEARN (best local response to pi_g),
/// evaluating each pair by simulation, until the value changes by less than `rtol` (relative).
///
/// Starting point: pi_l uniform (the paper's), or each of ``Options/starts`` in turn; the first G-LEARN
/// answers the start. Each start runs its own alternation; after iteration t's pair is evaluated:
/// * a new best value is remembered with its pair;
/// * a drop below the best by more than `rtol` relative reverts to the best pair and stops (alternation
///   is deterministic, so continuing from the best pair would only repeat it);
/// * |J_t - J_{t-1}| < rtol · max(|J_{t-1}|, 1e-6) stops (converged).
/// Each run's result is its best evaluated pair; across starts the pair with the highest simulated
/// value (the team return) is returned, the earlier start on ties. With ``Selection/nashConv`` every
/// evaluated pair's Nash gap is measured (the caller's `gap`, e.g. nashConv = ε_g + ε_l of the
/// exploitability measurement) and the pair with the smallest gap over all iterations of all starts is
/// returned instead, the earlier on ties; the alternation itself (its stops and reverts) is unchanged.
public struct AlternatingMARL: Sendable {
    /// The policy family this learner trains.
    public static let family = PolicyFamily(kind: "alternating-marl", summary: "ALTERNATING-MARL: alternate G-LEARN and L-LEARN, keep the best simulated pair")

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
        /// The local policies the alternation starts from, each with its name for the log; empty means
        /// one uniform start.
        public var starts: [Start] = []
        /// Which evaluated pair is returned.
        public var select = Selection.teamReturn
        /// The defaults.
        public init() {}
    }

    /// The rule that picks the returned pair among the evaluated ones.
    public enum Selection: String, Sendable, Equatable {
        /// The highest simulated value among the starts' best pairs (the paper's rule).
        case teamReturn
        /// The smallest measured Nash gap among every evaluated pair.
        case nashConv
    }

    /// A named starting local policy.
    public struct Start: Sendable, Equatable {
        /// How the log names it (`uniform`, `follow`, a file name, …).
        public let name: String
        /// π_l before the first G-LEARN.
        public let policy: LocalPolicyTable
        public init(name: String, policy: LocalPolicyTable) {
            self.name = name
            self.policy = policy
        }
    }

    /// One line of the training log.
    public struct Iteration: Sendable, Equatable {
        /// The start this iteration belongs to.
        public let start: String
        /// 1-based outer iteration.
        public let iteration: Int
        /// The simulated value of this iteration's pair.
        public let value: Double
        /// Wall seconds of this iteration (G-LEARN + L-LEARN + evaluation).
        public let seconds: Double
        /// G-LEARN sweeps and L-LEARN sweeps.
        public let gSweeps: Int, lSweeps: Int
        /// The final Bellman residuals: G-LEARN's bound width, L-LEARN's largest value change.
        public let gResidual: Double, lResidual: Double
        /// What the loop decided: "best", "kept", "reverted" or "converged".
        public let outcome: String
        /// The pair's measured Nash gap (nil when the caller measures none).
        public let nashConv: Double?
    }

    /// The trained pair and its log.
    public struct Result: Sendable {
        /// The best pair.
        public let global: GlobalPolicyTable, local: LocalPolicyTable
        /// Its simulated value.
        public let value: Double
        /// Its measured Nash gap (nil when none was measured).
        public let nashConv: Double?
        /// One entry per outer iteration.
        public let log: [Iteration]
        /// The index in ``log`` of the iteration whose pair this is.
        public let selected: Int
    }

    /// One evaluated pair.
    private struct Candidate {
        let global: GlobalPolicyTable, local: LocalPolicyTable, value: Double, nashConv: Double?
        /// Its index in the whole log.
        let index: Int
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

    /// ``train(k:evaluate:gap:progress:)`` measuring no gap.
    public func train(k: Int, evaluate: (GlobalPolicyTable, LocalPolicyTable) throws -> Double,
                      progress: (Iteration) -> Void = { _ in }) rethrows -> Result {
        try train(k: k, evaluate: evaluate, gap: { _, _ in nil }, progress: progress)
    }

    /// Trains for k sampled agents from every start; `evaluate` returns the value of a pair (the caller
    /// simulates it through the engine, with the same seeds each time so iterations and starts are
    /// compared on common random numbers); `gap` its Nash gap, or nil when not measured (called for
    /// every evaluated pair, after `evaluate`); `progress` receives each log line as it is made.
    /// - Precondition: with ``Selection/nashConv``, `gap` measures at least one pair.
    public func train(k: Int, evaluate: (GlobalPolicyTable, LocalPolicyTable) throws -> Double,
                      gap: (GlobalPolicyTable, LocalPolicyTable) throws -> Double?,
                      progress: (Iteration) -> Void = { _ in }) rethrows -> Result {
        let starts = options.starts.isEmpty ? [Start(name: "uniform", policy: .uniform(for: game))] : options.starts
        var best: Candidate?, closest: Candidate?
        var log: [Iteration] = []
        // The first start always runs (its result is returned); later ones are skipped after a stop request.
        for (index, start) in starts.enumerated() where index == 0 || !StopRequest.isRequested {
            let run = try alternate(from: start, k: k, first: log.count, evaluate: evaluate, gap: gap, progress: progress)
            log += run.log
            if best == nil || run.best.value > best!.value { best = run.best }
            if let c = run.closest, closest == nil || c.nashConv! < closest!.nashConv! { closest = c }
        }
        precondition(options.select == .teamReturn || closest != nil, "select: nashConv needs measured gaps")
        let chosen = options.select == .nashConv ? closest! : best!
        return Result(global: chosen.global, local: chosen.local, value: chosen.value, nashConv: chosen.nashConv,
                      log: log, selected: chosen.index)
    }

    /// One alternation from `start` (the rules of the type's documentation); `first` is the log index of
    /// its first iteration. Returns its best pair by value, its pair with the smallest finite gap, and its log.
    private func alternate(from start: Start, k: Int, first: Int,
                           evaluate: (GlobalPolicyTable, LocalPolicyTable) throws -> Double,
                           gap: (GlobalPolicyTable, LocalPolicyTable) throws -> Double?,
                           progress: (Iteration) -> Void) rethrows -> (best: Candidate, closest: Candidate?, log: [Iteration]) {
        precondition(start.policy.fits(game), "start '\(start.name)' does not fit the game")
        let gLearner = GLearn(game: game, gamma: gamma, options: options.gLearn)
        let lLearner = LLearn(game: game, gamma: gamma, options: options.lLearn)
        var local = start.policy
        var best: Candidate?, closest: Candidate?
        var warm: [Double]? = nil
        var previous: Double? = nil
        var log: [Iteration] = []
        for iteration in 1...options.outerIterations {
            let clock = DispatchTime.now().uptimeNanoseconds
            let g = gLearner.solve(localPolicy: local, k: k, warmStart: warm)
            let l = lLearner.solve(globalPolicy: g.policy, localPolicy: local)
            local = l.policy
            warm = g.value
            let value = try evaluate(g.policy, l.policy)
            let nashConv = try gap(g.policy, l.policy)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
            let candidate = Candidate(global: g.policy, local: l.policy, value: value, nashConv: nashConv, index: first + log.count)
            if let x = nashConv, x.isFinite, closest == nil || x < closest!.nashConv! { closest = candidate }
            var outcome = "kept"
            if best == nil || value > best!.value {
                best = candidate
                outcome = "best"
            } else if value < best!.value - abs(best!.value) * options.rtol {
                outcome = "reverted"
            }
            if outcome != "reverted", let p = previous, abs(value - p) < options.rtol * max(abs(p), 1e-6) {
                outcome = "converged"
            }
            let line = Iteration(start: start.name, iteration: iteration, value: value, seconds: seconds,
                                 gSweeps: g.iterations, lSweeps: l.iterations, gResidual: g.residual,
                                 lResidual: l.residual, outcome: outcome, nashConv: nashConv)
            log.append(line)
            progress(line)
            if outcome == "reverted" || outcome == "converged" || StopRequest.isRequested { break }
            previous = value
        }
        return (best!, closest, log)
    }
}
