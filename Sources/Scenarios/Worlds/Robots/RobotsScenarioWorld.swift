import Agents
import Engine

/// The `robots-continuous` world with its validated policies; every run steps a
/// ``ContinuousRobotsWorld`` through the engine with the tabular worlds' schedule (episodes of
/// `horizon` ticks started by `worldTick`).
public struct RobotsScenarioWorld: ScenarioWorld {
    /// One named policy: π_g with the bins of its observation, and π_l.
    public struct Policy: Sendable {
        public let name: String
        public let global: any GlobalPolicy
        public let observationBins: Int
        public let local: ContinuousLocalRule
    }

    public let robots: ContinuousRobots
    /// n and k.
    public let agents: Int, k: Int
    /// γ, horizon, episodes.
    public let header: ScenarioHeader
    /// The merged schedules.
    public let schedule: [(kind: EventKind, schedule: Schedule)]
    /// Policies in file order.
    public let policies: [Policy]

    public var kind: String { "robots-continuous" }
    public var policyNames: [String] { policies.map(\.name) }
    public var metricNames: [String] { ["discountedReturn", "modeAccuracy"] }
    public var eventKinds: [EventKind] { schedule.map(\.kind) }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        let model = ContinuousRobotsWorld(robots: robots, agents: agents, k: k, gamma: header.gamma, horizon: header.horizon,
                                          globalPolicy: chosen.global, observationBins: chosen.observationBins,
                                          localRule: chosen.local, seed: seed)
        return EngineSession(model: model, schedules: ScheduleTable(schedule, seed: seed, agents: agents),
                             endTime: Double(header.episodes) * Double(header.horizon), metrics: metrics)
    }
}
