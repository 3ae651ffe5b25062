/// Wall seconds of a run's parts: the encoders (phase 1's Z_t), scoring (phase 1's errors and costs),
/// the policy (phase 3, incl. the k-of-N draw's use) and the server mixture (phase 4).
public struct PhaseSeconds: Sendable, Equatable {
    public var encoders = 0.0, scoring = 0.0, policy = 0.0, mixture = 0.0

    /// `(part, seconds)` in report order.
    public var named: [(name: String, seconds: Double)] {
        [("encoders", encoders), ("scoring", scoring), ("policy", policy), ("mixture", mixture)]
    }
}
