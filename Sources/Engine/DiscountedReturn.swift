/// The discounted return `Σ_t γ^t r_t` of one episode, accumulated step by step.
public struct DiscountedReturn: Codable, Sendable, Equatable {
    /// γ.
    public let gamma: Double
    /// Σ γ^t r_t so far.
    public private(set) var value = 0.0
    /// γ^t for the next reward.
    public private(set) var weight = 1.0
    /// Rewards added.
    public private(set) var steps = 0

    public init(gamma: Double) { self.gamma = gamma }

    /// A return with these fields (checkpoint restore).
    public init(gamma: Double, restoringValue value: Double, weight: Double, steps: Int) {
        self.gamma = gamma
        self.value = value
        self.weight = weight
        self.steps = steps
    }

    /// Adds the reward of the next step.
    public mutating func add(_ reward: Double) {
        value += weight * reward
        weight *= gamma
        steps += 1
    }
}
