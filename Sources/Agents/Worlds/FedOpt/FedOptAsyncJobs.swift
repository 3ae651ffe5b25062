/// What buffered asynchronous aggregation of ``FedOptWorld`` keeps: the idle clients, each working
/// client's model version, update Δ_j and loss, the aggregation buffer Σ (1 + τ_j)^(-a) Δ_j with the
/// buffered clients' losses, and the jobs started in the episode.
public struct FedOptAsyncJobs: Codable, Sendable, Equatable {
    /// Clients not working, in the order the sampler picks from.
    public internal(set) var idle: [Int] = []
    /// The model version (aggregations applied) each client last took.
    public internal(set) var sentVersion: [Int]
    /// Each working client's update, flat `[client][coordinate]`.
    public internal(set) var pendingUpdates: [Double]
    /// Each working client's loss at the model it took.
    public internal(set) var pendingLoss: [Double]
    /// Σ (1 + τ_j)^(-a) Δ_j of the buffered arrivals (length d).
    public internal(set) var buffer: [Double]
    /// The buffered clients' losses, in arrival order.
    public internal(set) var bufferLosses: [Double] = []
    /// Jobs started in the running episode (the key of their random cells).
    public internal(set) var jobs = 0

    /// No job yet, for `clients` clients in `dimension` dimensions.
    public init(clients: Int, dimension: Int) {
        sentVersion = [Int](repeating: 0, count: clients)
        pendingUpdates = [Double](repeating: 0, count: clients * dimension)
        pendingLoss = [Double](repeating: 0, count: clients)
        buffer = [Double](repeating: 0, count: dimension)
    }
}
