import Agents
import Engine

/// The `fedopt` world with its validated policies. Each run draws the clients of its seed (the
/// `client` stream) and steps a ``FedOptWorld``; `worldTick` every `horizon` starts a training run.
public struct FedOptScenarioWorld: ScenarioWorld {
    /// One named policy.
    public struct Policy: Sendable {
        public let name: String
        public let policy: any FedOptPolicy
    }

    /// n, d, heterogeneity and condition of the clients' objectives.
    public let clients: Int, dimension: Int, heterogeneity: Double, condition: Double
    /// Job clocks.
    public let timing: FedOptTiming
    /// k, E, mode, target.
    public let config: FedOptConfig
    /// `horizon` (simulated time per episode) and `episodes`.
    public let header: ScenarioHeader
    /// Policies in file order.
    public let policies: [Policy]

    public var kind: String { "fedopt" }
    public var policyNames: [String] { policies.map(\.name) }
    public var metricNames: [String] {
        ["globalLoss", "worstClientLoss", "messages", "bytes", "simulatedTimeToTarget", "roundsToTarget"]
    }
    public var eventKinds: [EventKind] {
        if case .async = config.mode { return [.worldTick, FedOptWorld.clientUpload] }
        return [.worldTick, .globalObserve, .globalStep]
    }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        let problem = FedOptProblem(clients: clients, dimension: dimension, heterogeneity: heterogeneity,
                                    condition: condition, seed: seed)
        let model = FedOptWorld(problem: problem, timing: timing, config: config, policy: chosen.policy, seed: seed)
        let length = Double(header.horizon)
        return EngineSession(model: model, schedules: ScheduleTable([(.worldTick, .every(period: length, offset: 0))], seed: seed, agents: clients),
                             endTime: Double(header.episodes) * length, metrics: metrics)
    }
}
