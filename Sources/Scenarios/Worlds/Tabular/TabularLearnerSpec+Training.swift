import Agents
import Dispatch
import Foundation

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
        /// The learning curves.
        public let curves: [TrainingCurve]
        /// `subsample-mfq`: the number of sampled transitions used; nil for the planners.
        public let samples: Int?
        /// Wall seconds of the whole training.
        public let seconds: Double
    }

    /// Trains. `evaluate` simulates a pair exactly as `sim run` would (the world passes its own session);
    /// `gap` measures its nashConv (nil when `nashConvSeeds` is 0).
    func train(game: TabularGame, gamma: Double,
               evaluate: (GlobalPolicyTable, LocalPolicyTable) throws -> Double,
               gap: (GlobalPolicyTable, LocalPolicyTable) throws -> Double?,
               progress: (String) -> Void) rethrows -> Trained {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        switch learner {
        case .alternatingMARL:
            let result = try AlternatingMARL(game: game, gamma: gamma, options: alternating).train(k: k, evaluate: evaluate, gap: gap) {
                progress(line($0))
            }
            var log = result.log.map(line)
            if alternating.select == .nashConv {
                let chosen = result.log[result.selected]
                let summary = "selected by nashConv: " + (alternating.starts.count > 1 ? "start \(chosen.start), " : "")
                    + "iteration \(chosen.iteration) (value \(chosen.value), nashConv \(((result.nashConv ?? .nan) * 1e4).rounded() / 1e4))"
                progress(summary)
                log.append(summary)
            }
            return Trained(global: result.global, local: result.local, value: result.value,
                           log: log, curves: Self.curves(result.log), samples: nil, seconds: elapsed())
        case .subsampleMFQ:
            let result = SubsampleMFQ(game: game, gamma: gamma, options: qLearning).train(localPolicy: local, k: k)
            let source: String
            switch qLearning.sampling {
            case .trajectory: source = "\(qLearning.episodes) episodes"
            case .generative(let rounds): source = "\(rounds) generative rounds"
            }
            let warm: String
            if case .gLearn = qLearning.fallback { warm = ", G-LEARN warm start" } else { warm = "" }
            let line = "\(kind): \(result.updates) samples (updates), \(source), "
                + "\(String(format: "%.1f", 100 * result.visitedFraction))% of states visited" + warm
            progress(line)
            return Trained(global: result.policy, local: local, value: nil, log: [line], curves: result.curves,
                           samples: result.updates, seconds: elapsed())
        case .gLearn:
            let result = GLearn(game: game, gamma: gamma, options: gLearn).solve(localPolicy: local, k: k)
            let line = "\(kind): \(result.iterations) sweeps, bound width \(result.residual)"
            progress(line)
            let curve = TrainingCurve(quantity: "bellmanResidual", learner: "G-LEARN", unit: "sweep",
                                      x: result.residuals.indices.map { Double($0 + 1) }, y: result.residuals)
            return Trained(global: result.policy, local: local, value: nil, log: [line], curves: [curve], samples: nil,
                           seconds: elapsed())
        }
    }

    /// The alternation's curves, per start: the simulated team return, and the final Bellman residual of
    /// G-LEARN and of L-LEARN, by outer iteration.
    static func curves(_ log: [AlternatingMARL.Iteration]) -> [TrainingCurve] {
        var starts: [String] = []
        for line in log where !starts.contains(line.start) { starts.append(line.start) }
        let suffix = starts.count > 1
        return starts.flatMap { start -> [TrainingCurve] in
            let lines = log.filter { $0.start == start }, x = lines.map { Double($0.iteration) }
            let tag = suffix ? " (start \(start))" : ""
            return [TrainingCurve(quantity: "teamReturn", learner: "ALTERNATING-MARL" + tag, unit: "iteration", x: x, y: lines.map(\.value)),
                    TrainingCurve(quantity: "bellmanResidual", learner: "G-LEARN" + tag, unit: "iteration", x: x, y: lines.map(\.gResidual)),
                    TrainingCurve(quantity: "bellmanResidual", learner: "L-LEARN" + tag, unit: "iteration", x: x, y: lines.map(\.lResidual))]
        }
    }

    /// `iteration 2: value 93.1234, 0.412 s (G-LEARN 180 sweeps, L-LEARN 160 sweeps) best`, prefixed by
    /// `start follow, ` when the alternation has several starts.
    func line(_ i: AlternatingMARL.Iteration) -> String {
        (alternating.starts.count > 1 ? "start \(i.start), " : "") + "iteration \(i.iteration): value \(i.value), \(i.seconds) s (G-LEARN \(i.gSweeps) sweeps, L-LEARN \(i.lSweeps) sweeps) \(i.outcome)"
    }
}

extension TabularLearnerSpec.Trained {
    /// The same training with `notes[i]` appended to log line i (lines without a note are kept).
    func annotated(_ notes: [String]) -> Self {
        let log = self.log.enumerated().map { i, line in i < notes.count ? line + ", " + notes[i] : line }
        return Self(global: global, local: local, value: value, log: log, curves: curves, samples: samples, seconds: seconds)
    }
}
