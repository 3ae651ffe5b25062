/// What a synchronous round of ``FedOptWorld`` keeps between its start (`globalObserve`) and its end
/// (`globalStep`): Σ Δ_j of the updates that arrived in time, how many did, and the sampled clients'
/// losses f_j(w) at the broadcast model (what a learned server policy observes).
public struct FedOptSyncRound: Codable, Sendable, Equatable {
    /// Σ_j Δ_j over the accepted updates (length d).
    public internal(set) var sum: [Double]
    /// Updates that arrived before the deadline.
    public internal(set) var accepted = 0
    /// f_j(w) of every sampled client, in sample order.
    public internal(set) var losses: [Double] = []

    /// An empty round in `dimension` dimensions.
    public init(dimension: Int) {
        sum = [Double](repeating: 0, count: dimension)
    }
}
