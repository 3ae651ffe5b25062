import Agents
import Engine

/// The federated world's decisions made by an external process (`kind: "external"` in a `fedopt`
/// policy entry): `role: "server"` (the default) hands it the server's step η_g of every aggregation,
/// with the clients' local step fixed at `localStepSize`; `role: "client"` hands it the local step
/// sizes of the client jobs, with η_g fixed at `serverStep` — FedAvg's two fields, with its defaults.
///
/// The scenario holds this launcher; every run (one seed) starts its own process through
/// ``startRun(_:)``, which says hello and returns the ``ExternalFedOptPolicyRun`` the world asks.
public struct ExternalFedOptPolicy: FedOptPolicy, DescribedPolicy {
    public static var family: PolicyFamily { ExternalPolicySpec.family }
    /// The command, its folder, role (`server` or `client`) and timeout.
    public let spec: ExternalPolicySpec
    /// The fixed half: η_g for role `client`, the local step size for role `server`.
    public let fixed: FedAvgPolicy
    /// The action spaces: η_g in `serverRates`, a local step size in `localSteps` (its upper end
    /// excluded: 2 / condition, where local gradient steps diverge).
    public let serverRates: ClosedRange<Double>, localSteps: Range<Double>
    /// The length of the client losses a server decision sees: k in synchronous rounds, the buffer in
    /// asynchronous mode; and of one client message: k (a round's jobs) or 1 (an asynchronous job).
    public let serverLosses: Int, clientsPerMessage: Int

    public init(spec: ExternalPolicySpec, fixed: FedAvgPolicy, serverRates: ClosedRange<Double>, localSteps: Range<Double>,
                serverLosses: Int, clientsPerMessage: Int) {
        self.spec = spec
        self.fixed = fixed
        self.serverRates = serverRates
        self.localSteps = localSteps
        self.serverLosses = serverLosses
        self.clientsPerMessage = clientsPerMessage
    }

    public var runsOutOfProcess: Bool { true }

    /// A launcher makes no decision itself; runs ask the policy ``startRun(_:)`` returns. Answers the fixed half.
    public func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double { fixed.serverStep }
    public func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double { fixed.localStepSize }

    public func startRun(_ run: PolicyRun) throws -> any FedOptPolicy { try ExternalFedOptPolicyRun(self, run: run) }
}

/// One run's connection to the external process: per decision of its role one `act` message and one
/// answer; episode starts and the reward of every aggregation are sent without waiting.
///
/// * `server`: `act` carries `round` (aggregations so far in the episode), `excessLoss` F(w) − F* and
///   `clientLosses`, the f_i(w) of the aggregated clients — what FedAvg and the learned policies see;
///   the answer is `{"action": η_g}`, a number in `serverRates`.
/// * `client`: `act` carries `round`, `excessLoss`, the `clients` starting jobs (every sampled client of
///   a synchronous round in one message, one client per asynchronous job) and their `clientLosses`;
///   the answer is `{"actions": [step, …]}`, one step size per client, each in `localSteps`.
///
/// The reward after each aggregation is the abstraction's −log10(F(w) − F*) (``FedOptAbstraction/reward(_:)``),
/// `step` counting aggregations in the run.
// Safe to send: one run owns it and asks it from one thread at a time (its counters are not shared).
public final class ExternalFedOptPolicyRun: FedOptPolicy, @unchecked Sendable {
    private let policy: ExternalFedOptPolicy
    private let connection: ExternalConnection
    /// Decisions asked so far in the run, and aggregations rewarded.
    private var decisions = 0, aggregations = 0
    /// Messages sent so far (the hello is message 1).
    public var messages: Int { connection.messages }

    init(_ policy: ExternalFedOptPolicy, run: PolicyRun) throws {
        self.policy = policy
        let spaces: String
        if policy.spec.role == "client" {
            spaces = "\"observation\":{\"excessLoss\":{\"minimum\":0},\"clients\":{\"length\":\(policy.clientsPerMessage),\"size\":\(run.agents)},"
                + "\"clientLosses\":{\"length\":\(policy.clientsPerMessage)}},"
                + "\"action\":{\"length\":\(policy.clientsPerMessage),\"minimum\":\(JSONText.number(policy.localSteps.lowerBound)),"
                + "\"exclusiveMaximum\":\(JSONText.number(policy.localSteps.upperBound))}"
        } else {
            spaces = "\"observation\":{\"excessLoss\":{\"minimum\":0},\"clientLosses\":{\"length\":\(policy.serverLosses)}},"
                + "\"action\":{\"minimum\":\(JSONText.number(policy.serverRates.lowerBound)),\"maximum\":\(JSONText.number(policy.serverRates.upperBound))}"
        }
        connection = try ExternalConnection(spec: policy.spec,
                                            hello: ExternalProtocol.hello(policy: policy.spec.name, role: policy.spec.role, run: run, spaces: spaces))
    }

    public var kind: String { ExternalPolicySpec.family.kind }
    public var runsOutOfProcess: Bool { true }

    /// Not used by runs, which call the deciding forms; the fixed half's values.
    public func serverRate(excessLoss: Double, clientLosses: [Double], random: inout CounterRandom) -> Double { policy.fixed.serverStep }
    public func localStep(excessLoss: Double, clientLoss: Double, random: inout CounterRandom) -> Double { policy.fixed.localStepSize }

    public func decideServerRate(excessLoss: Double, clientLosses: [Double], round: Int, random: inout CounterRandom) throws -> Double {
        guard policy.spec.role == "server" else { return policy.fixed.serverStep }
        let message = "{\"type\":\"act\",\"step\":\(decisions),\"round\":\(round),\"excessLoss\":\(JSONText.number(excessLoss)),"
            + "\"clientLosses\":" + Self.numbers(clientLosses) + "}"
        decisions += 1
        return try connection.request(message) { members, line in
            guard case .number(let rate)? = members.first(where: { $0.key == "action" })?.value else {
                throw ExternalProcessFailure("malformed answer (expected \"action\": a number): " + ExternalProtocol.excerpt(line))
            }
            guard policy.serverRates.contains(rate) else {
                throw ExternalProcessFailure("action \(JSONText.number(rate)) is out of range [\(JSONText.number(policy.serverRates.lowerBound)), "
                                             + "\(JSONText.number(policy.serverRates.upperBound))]")
            }
            return rate
        }
    }

    public func localSteps(excessLoss: Double, clients: [Int], clientLosses: [Double], round: Int, step: Int,
                           stream: RandomStream) throws -> [Double] {
        guard policy.spec.role == "client" else { return [Double](repeating: policy.fixed.localStepSize, count: clients.count) }
        let message = "{\"type\":\"act\",\"step\":\(decisions),\"round\":\(round),\"excessLoss\":\(JSONText.number(excessLoss)),"
            + "\"clients\":[" + clients.map(String.init).joined(separator: ",") + "],\"clientLosses\":" + Self.numbers(clientLosses) + "}"
        decisions += 1
        return try connection.request(message) { members, line in
            guard case .array(let values)? = members.first(where: { $0.key == "actions" })?.value else {
                throw ExternalProcessFailure("malformed answer (expected \"actions\": a list of numbers): " + ExternalProtocol.excerpt(line))
            }
            guard values.count == clients.count else {
                throw ExternalProcessFailure("expected \(clients.count) actions, one per client, got \(values.count)")
            }
            return try values.enumerated().map { i, value in
                guard case .number(let size) = value else { throw ExternalProcessFailure("malformed answer: actions[\(i)] is not a number") }
                guard policy.localSteps.contains(size) else {
                    throw ExternalProcessFailure("actions[\(i)] = \(JSONText.number(size)) is out of range [\(JSONText.number(policy.localSteps.lowerBound)), "
                                                 + "\(JSONText.number(policy.localSteps.upperBound)))")
                }
                return size
            }
        }
    }

    public func episodeStarted(_ episode: Int) throws { try connection.send(ExternalProtocol.episode(episode)) }

    public func observe(reward: Double, step: Int) throws {
        try connection.send(ExternalProtocol.reward(step: aggregations, reward: reward))
        aggregations += 1
    }

    public func finishRun() { connection.finish() }

    private static func numbers(_ values: [Double]) -> String { "[" + values.map(JSONText.number).joined(separator: ",") + "]" }
}
