import Engine

/// The run settings of the federated-optimization world.
public struct FedOptConfig: Encodable, Sendable, Equatable {
    /// k: clients sampled per synchronous round, or clients working at once in asynchronous mode.
    public var clientsPerRound: Int
    /// E: local gradient steps per job.
    public var localSteps: Int
    /// How the server aggregates.
    public var mode: Mode
    /// The round ends when F(w) - F* ≤ targetLoss first holds (`simulatedTimeToTarget`,
    /// `roundsToTarget`). Measured against F* so that it is reachable whatever the heterogeneity.
    public var targetLoss: Double
    /// Bytes per model coordinate in a message (8: a Double).
    public var bytesPerValue: Int

    /// Synchronous rounds or buffered asynchronous aggregation.
    public enum Mode: Encodable, Sendable, Equatable {
        /// Wait for every sampled client; with a deadline (time after the round starts), clients not
        /// done by then are dropped and the round ends at the deadline.
        case sync(deadline: SimTime?)
        /// Aggregate every `buffer` arrivals; an update computed from a model `τ` versions old is
        /// weighted by (1 + τ)^(-stalenessExponent).
        case async(buffer: Int, stalenessExponent: Double)
    }

    public init(clientsPerRound: Int, localSteps: Int, mode: Mode, targetLoss: Double, bytesPerValue: Int = 8) {
        self.clientsPerRound = clientsPerRound
        self.localSteps = localSteps
        self.mode = mode
        self.targetLoss = targetLoss
        self.bytesPerValue = bytesPerValue
    }
}
