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

    // The hooks below let a run drive a policy that lives outside the simulator (`external`, a process
    // spoken to over pipes). Built-in policies are pure functions of their inputs and keep the defaults.

    /// The policy for one run (one seed): built-in policies return themselves; an external one starts
    /// its process and says hello.
    func startRun(_ run: PolicyRun) throws -> any FedOptPolicy
    /// η_g for the aggregation that makes `round` + 1 (aggregations so far in the episode: `round`), or
    /// an error when the policy cannot answer. Defaults to ``serverRate(excessLoss:clientLosses:random:)``.
    func decideServerRate(excessLoss: Double, clientLosses: [Double], round: Int, random: inout CounterRandom) throws -> Double
    /// The local step sizes of the jobs that `clients` start together from the current model (version
    /// `round`), whose own losses there are `clientLosses`: one call per synchronous round or
    /// asynchronous job. Client `clients[i]` draws from cell (`clients[i]`, `step`) of `stream`.
    /// Defaults to ``localStep(excessLoss:clientLoss:random:)`` per client with those cells.
    func localSteps(excessLoss: Double, clients: [Int], clientLosses: [Double], round: Int, step: Int,
                    stream: RandomStream) throws -> [Double]
}

extension FedOptPolicy {
    public func startRun(_ run: PolicyRun) throws -> any FedOptPolicy { self }

    public func decideServerRate(excessLoss: Double, clientLosses: [Double], round: Int, random: inout CounterRandom) throws -> Double {
        serverRate(excessLoss: excessLoss, clientLosses: clientLosses, random: &random)
    }

    public func localSteps(excessLoss: Double, clients: [Int], clientLosses: [Double], round: Int, step: Int,
                           stream: RandomStream) throws -> [Double] {
        clients.indices.map { i in
            var cell = stream.generator(agent: clients[i], step: step)
            return localStep(excessLoss: excessLoss, clientLoss: clientLosses[i], random: &cell)
        }
    }
}
