/// The purpose a random stream serves.
///
/// Streams are named by purpose so that two policies run with one seed draw the same exogenous numbers:
/// a policy's own coin flips come from `policy`, never from `world` or `init`.
public enum StreamName: UInt64, Sendable, CaseIterable {
    /// Initial states of an episode.
    case initial = 1
    /// Exogenous dynamics (transitions, noise).
    case world = 2
    /// The global agent's k-of-n subsample.
    case subsample = 3
    /// Randomized policies (action sampling, exploration).
    case policy = 4
    /// Data generation (noise added to series).
    case data = 5
    /// Fixed per-client random maps (encoders).
    case client = 6

    case learner = 7
    /// Event schedules (Poisson clocks): exogenous, so every policy sees the same clocks.
    case schedule = 8

    /// The name used in scenario files and traces.
    public var label: String {
        switch self {
        case .initial: return "init"
        case .world: return "world"
        case .subsample: return "subsample"
        case .policy: return "policy"
        case .data: return "data"
        case .client: return "client"
        case .learner: return "learner"
        case .schedule: return "schedule"
        }
    }
}
