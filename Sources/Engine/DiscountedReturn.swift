/// The discounted return `Σ_t γ^t r_t` of one episode, accumulated step by step
/// (DESIGN.md "Tabular mean-field game": rewards discounted by gamma).
public struct DiscountedReturn: Sendable, Equatable {
    /// γ.
    public let gamma: Double
    /// Σ γ^t r_t so far.
    public private(set) var value = 0.0
    /// γ^t for the next reward.
    public private(set) var weight = 1.0
    /// Rewards added.
    public private(set) var steps = 0

    public init(gamma: Double) { self.gamma = gamma }

    /// Adds the reward of the next step.
    public mutating func add(_ reward: Double) {
        value += weight * reward
        weight *= gamma
        steps += 1
    }
}
