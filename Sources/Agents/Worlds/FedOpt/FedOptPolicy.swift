import Engine

/// The federated world's role protocol: the server's step η_g of each aggregation (the global action)
/// and the step size it assigns to each client job (the clients' local action), from the module
/// README, "Federated optimization". A learned policy of the tabular abstraction adopts it through a
/// ``GlobalPolicy`` and a ``LocalPolicyTable`` (``TabularFedOptPolicy``).
public protocol FedOptPolicy: PolicyRole {
    /// η_g for an aggregation. `excessLoss` is F(w) - F*, `clientLosses` the f_i(w) of the clients
    /// whose updates are aggregated; `random` is the policy stream's cell of this aggregation.
    func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double
    /// A client's local step size for a job from a model with excess loss `excessLoss` at which the
    /// client's own loss is `clientLoss`; `random` is the policy stream's cell of (client, job).
    func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double
}
