import Agents

/// The validated settings of a learned tabular policy (`g-learn`, `alternating-marl`, `subsample-mfq`;
/// Sources/Agents/README.md, "Tabular mean-field game (ALTERNATING-MARL)").
///
/// Training is a pure function of these settings and the world: the same file always trains the same
/// tables, so `sim run` (train, then evaluate) and `sim train` + `sim run` with the written file agree.
public struct TabularLearnerSpec: Sendable {
    /// `g-learn`, `alternating-marl` or `subsample-mfq`.
    public let learner: TabularLearner
    /// k, the world's `observation.k` (the tables are indexed by count vectors of k agents).
    public let k: Int
    /// Training seed (`seed`, default: the scenario's `seed`); seeds Monte-Carlo transitions, Q-learning
    /// episodes and the evaluation runs of `alternating-marl`.
    public let seed: UInt64
    /// The fixed local policy of `g-learn` and `subsample-mfq` (`local`, default uniform).
    public let local: LocalPolicyTable
    /// G-LEARN settings (`transitions`, `samples`, `tol`, `maxIterations`).
    public let gLearn: GLearn.Options
    /// L-LEARN settings (`tauMin`, `tauScale`, `meanField`, and the same `tol` / `maxIterations`).
    public let lLearn: LLearn.Options
    /// `outerIterations`, `rtol`.
    public let alternating: AlternatingMARL.Options
    /// Episodes per evaluation of a pair (`evalEpisodes`, default 20 as the paper's convergence check).
    public let evalEpisodes: Int
    /// SUBSAMPLE-MFQ settings (`episodes`, `epsilon`, `learningRateExponent`).
    public let qLearning: SubsampleMFQ.Options
    /// `alternating-marl`: measure the nashConv of every outer iteration's pair on evaluation seeds
    /// 1…`nashConvSeeds` (`nashConvSeeds`, default 0: off) and log it with the iteration.
    public var nashConvSeeds = 0

    /// The learner's family name.
    public var kind: String { learner.family.kind }
}
