import Agents
import Dispatch

extension TabularLearnerSpec {
    /// A trained pair with what training reported.
    public struct Trained: Sendable {
        /// π_g over count vectors of k agents.
        public let global: GlobalPolicyTable
        /// π_l.
        public let local: LocalPolicyTable
        /// `alternating-marl`: the simulated value of the returned pair (mean discounted return over
        /// `evalEpisodes` episodes under the training seed); nil for the other kinds.
        public let value: Double?
        /// One line per outer iteration (`alternating-marl`) or one summary line.
        public let log: [String]
        /// Wall seconds of the whole training.
        public let seconds: Double
    }

    /// Trains. `evaluate` simulates a pair exactly as `sim run` would (the world passes its own session).
    func train(game: TabularGame, gamma: Double,
               evaluate: (GlobalPolicyTable, LocalPolicyTable) throws -> Double,
               progress: (String) -> Void) rethrows -> Trained {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        switch kind {
        case "alternating-marl":
            let result = try AlternatingMARL(game: game, gamma: gamma, options: alternating).train(k: k, evaluate: evaluate) {
                progress(Self.line($0))
            }
            return Trained(global: result.global, local: result.local, value: result.value,
                           log: result.log.map(Self.line), seconds: elapsed())
        case "subsample-mfq":
            let result = SubsampleMFQ(game: game, gamma: gamma, options: qLearning).train(localPolicy: local, k: k)
            let line = "subsample-mfq: \(result.updates) updates, \(qLearning.episodes) episodes"
            progress(line)
            return Trained(global: result.policy, local: local, value: nil, log: [line], seconds: elapsed())
        default:
            let result = GLearn(game: game, gamma: gamma, options: gLearn).solve(localPolicy: local, k: k)
            let line = "g-learn: \(result.iterations) sweeps, bound width \(result.residual)"
            progress(line)
            return Trained(global: result.policy, local: local, value: nil, log: [line], seconds: elapsed())
        }
    }
}

extension TabularLearnerSpec.Trained {
    /// The same training with `notes[i]` appended to log line i (lines without a note are kept).
    func annotated(_ notes: [String]) -> Self {
        let log = self.log.enumerated().map { i, line in i < notes.count ? line + ", " + notes[i] : line }
        return Self(global: global, local: local, value: value, log: log, seconds: seconds)
    }
}

extension TabularLearnerSpec {
    /// `iteration 2: value 93.1234, 0.412 s (G-LEARN 180 sweeps, L-LEARN 160 sweeps) best`.
    static func line(_ i: AlternatingMARL.Iteration) -> String {
        "iteration \(i.iteration): value \(i.value), \(i.seconds) s (G-LEARN \(i.gSweeps) sweeps, L-LEARN \(i.lSweeps) sweeps) \(i.outcome)"
    }
}
