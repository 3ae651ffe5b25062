import Engine

/// The server's and the clients' decision rules in the federated world: the global action is the
/// server step η_g of a round, the local action a client's step size (the module README, "Federated
/// optimization").
public protocol FedOptPolicy: Sendable {
    /// The policy's registry name.
    var kind: String { get }
    /// η_g for an aggregation. `excessLoss` is F(w) - F*, `clientLosses` the f_i(w) of the clients
    /// whose updates are aggregated; `random` is the policy stream's cell of this aggregation.
    func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double
    /// A client's local step size for a job from a model with excess loss `excessLoss` at which the
    /// client's own loss is `clientLoss`; `random` is the policy stream's cell of (client, job).
    func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double
}

/// FedAvg: a fixed server step and a fixed local step size.
public struct FedAvgPolicy: FedOptPolicy, Equatable {
    /// η_g.
    public let serverStep: Double
    /// The local step size.
    public let localStepSize: Double

    public init(serverStep: Double = 1, localStepSize: Double) {
        self.serverStep = serverStep
        self.localStepSize = localStepSize
    }

    public var kind: String { "fedavg" }
    public func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double { serverStep }
    public func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double { localStepSize }
}
