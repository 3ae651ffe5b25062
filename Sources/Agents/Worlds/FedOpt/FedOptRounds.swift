/// The aggregation state of a ``FedOptWorld``, one value per mode: a synchronous world never holds
/// asynchronous jobs and the other way round.
public enum FedOptRounds: Codable, Sendable, Equatable {
    /// Synchronous rounds (``FedOptConfig/Mode/sync(deadline:)``).
    case sync(FedOptSyncRound)
    /// Buffered asynchronous aggregation (``FedOptConfig/Mode/async(buffer:stalenessExponent:)``).
    case async(FedOptAsyncJobs)

    /// The empty state of `mode`'s rounds.
    public init(mode: FedOptConfig.Mode, clients: Int, dimension: Int) {
        switch mode {
        case .sync: self = .sync(FedOptSyncRound(dimension: dimension))
        case .async: self = .async(FedOptAsyncJobs(clients: clients, dimension: dimension))
        }
    }
}
