import Agents
import Engine

extension TabularLearnerSpec {
    /// The training seed `--retrain` uses for evaluation seed `evaluationSeed`: 53 bits of the `learner`
    /// stream of the policy's own training seed, cell (agent -9, step = evaluation seed), so it is
    /// reproducible, different per evaluation seed, and never equal to an evaluation seed by design.
    public func trainingSeed(forEvaluationSeed evaluationSeed: UInt64) -> UInt64 {
        var cell = RandomStream(seed: seed, .learner).generator(agent: -9, step: Int(truncatingIfNeeded: evaluationSeed))
        return cell.next() >> 11
    }

    /// The same settings trained under `newSeed`: Monte-Carlo and fresh-subsample count transitions
    /// (G-LEARN's, and those of SUBSAMPLE-MFQ's G-LEARN warm start), the joint model's kernel, Q-learning
    /// episodes and the evaluation runs all move to it.
    public func reseeded(_ newSeed: UInt64) -> TabularLearnerSpec {
        var g = gLearn
        switch g.method {
        case .monteCarlo(let samples, _): g.method = .monteCarlo(samples: samples, seed: newSeed)
        case .subsample(let samples, _): g.method = .subsample(samples: samples, seed: newSeed)
        case .exact, .rounding: break
        }
        var l = lLearn
        if case .joint(var settings) = l.model {
            settings.seed = newSeed
            l.model = .joint(settings)
        }
        var a = alternating
        a.gLearn = g
        a.lLearn = l
        var q = qLearning
        q.seed = newSeed
        if case .gLearn = q.fallback { q.fallback = .gLearn(g) }
        var spec = TabularLearnerSpec(learner: learner, k: k, seed: newSeed, local: local, gLearn: g, lLearn: l, alternating: a,
                                      evalEpisodes: evalEpisodes, qLearning: q)
        // Kept: `select: "nashConv"` needs its pairs measured, and a retrained learner must select as the
        // scenario's does.
        spec.nashConvSeeds = nashConvSeeds
        return spec
    }
}
