import Agents

/// The learned policy families of the tabular worlds (and of the robots' and federated worlds'
/// tabular abstractions): each names its family, described by the learner's own type, and is the
/// trainer ``TabularLearnerSpec`` dispatches on (Sources/Agents/README.md, "Tabular mean-field game").
public enum TabularLearner: CaseIterable, Sendable {
    /// ``GLearn``: value iteration on (s_g, counts of k) with the local policy fixed.
    case gLearn
    /// ``AlternatingMARL``: G-LEARN and L-LEARN in turn, the best simulated pair kept.
    case alternatingMARL
    /// ``SubsampleMFQ``: Q-learning on (s_g, counts of k) from fresh subsamples.
    case subsampleMFQ

    /// The family's kind and summary.
    public var family: PolicyFamily {
        switch self {
        case .gLearn: return GLearn.family
        case .alternatingMARL: return AlternatingMARL.family
        case .subsampleMFQ: return SubsampleMFQ.family
        }
    }

    /// The learner whose family is named `kind`, nil for a policy that does not learn.
    public init?(kind: String) {
        guard let learner = Self.allCases.first(where: { $0.family.kind == kind }) else { return nil }
        self = learner
    }

    /// Whether the deployed local rule is learned too (only ALTERNATING-MARL learns π_l; the others
    /// deploy the scenario's local rule).
    public var learnsLocalPolicy: Bool { self == .alternatingMARL }
}
