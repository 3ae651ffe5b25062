import Engine

/// A learned policy of the federated world's tabular abstraction, deployed in the simulator: η_g =
/// `serverRates[π_g(bin(F(w) - F*), counts of the k sampled clients' loss bins)]` and a client's step
/// size = `localStepSizes[a]` with a ~ π_l(· | bin(F(w) - F*), bin(f_i(w))).
///
/// The count vector needs exactly k client losses, which synchronous rounds provide (every sampled
/// client's loss at the broadcast model); the scenario builder allows learned policies only there.
public struct TabularFedOptPolicy: FedOptPolicy {
    /// The bins and action levels.
    public let abstraction: FedOptAbstraction
    /// π_g over (global bin, counts of k local bins).
    public let global: any GlobalPolicy
    /// π_l over (global bin, local bin).
    public let local: LocalPolicyTable
    public let kind: String

    public init(kind: String, abstraction: FedOptAbstraction, global: any GlobalPolicy, local: LocalPolicyTable) {
        self.kind = kind
        self.abstraction = abstraction
        self.global = global
        self.local = local
    }

    public func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double {
        var counts = [Int](repeating: 0, count: abstraction.localBins)
        for loss in clientLosses { counts[abstraction.localBin(loss)] += 1 }
        let action = global.action(globalState: abstraction.globalBin(excessLoss), counts: counts, random: &random)
        return abstraction.serverRates[action]
    }

    public func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double {
        let row = local.row(abstraction.globalBin(excessLoss), abstraction.localBin(clientLoss))
        return abstraction.localStepSizes[random.categorical(cumulative: local.cumulative[row..<row + local.actions])]
    }
}
