import Engine

/// FedAvg: a fixed server step and a fixed local step size (w ← w + η_g · mean of the clients'
/// updates, each E local gradient steps of the given size).
public struct FedAvgPolicy: FedOptPolicy, DescribedPolicy, Equatable {
    public static let family = PolicyFamily(kind: "fedavg",
                                            summary: "k-of-n client sampling, E local steps, server averaging (fixed eta_g and local step)")
    /// η_g.
    public let serverStep: Double
    /// The local step size.
    public let localStepSize: Double

    public init(serverStep: Double = 1, localStepSize: Double) {
        self.serverStep = serverStep
        self.localStepSize = localStepSize
    }

    public func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double { serverStep }
    public func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double { localStepSize }
}
