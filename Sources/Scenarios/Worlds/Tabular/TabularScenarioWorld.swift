import Agents
import Engine

/// A tabular world (ring-zones or explicit tables) with its validated policies; every run steps a
/// ``TabularWorld`` through the engine.
public struct TabularScenarioWorld: ScenarioWorld {
    public let kind: String
    /// The game tables.
    public let game: TabularGame
    /// n, k, γ, horizon, μ_0.
    public let config: TabularWorldConfig
    /// Episodes per run.
    public let episodes: Int
    /// The merged schedules.
    public let schedule: [(kind: EventKind, schedule: Schedule)]
    /// Policies in file order.
    public let policies: [(name: String, global: any GlobalPolicy, local: LocalPolicyTable)]

    public var policyNames: [String] { policies.map(\.name) }
    public var metricNames: [String] {
        game.globalStates == game.localStates ? ["discountedReturn", "modeAccuracy"] : ["discountedReturn"]
    }
    public var eventKinds: [EventKind] { schedule.map(\.kind) }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        let model = TabularWorld(game: game, config: config, globalPolicy: chosen.global, localPolicy: chosen.local, seed: seed)
        return EngineSession(model: model, schedules: ScheduleTable(schedule, seed: seed, agents: config.agents),
                             endTime: Double(episodes) * Double(config.horizon), metrics: metrics)
    }

    /// The tabular worlds' schedules: `worldTick` every `horizon` (episode starts; fixed), and
    /// `globalObserve`, `globalStep`, `policyStep` every tick unless the scenario says otherwise.
    static func schedule(_ header: ScenarioHeader) throws -> [(kind: EventKind, schedule: Schedule)] {
        var merged: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: Double(header.horizon), offset: 0)),
            (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        for (kind, schedule) in header.schedule {
            let path = "schedule." + kind.name
            if kind == .worldTick {
                throw header.context.issue(path, "worldTick starts the episodes of tabular worlds and cannot be rescheduled",
                                           hint: "change 'horizon' instead")
            }
            if case .poisson(_, true) = schedule {
                throw header.context.issue(path + ".perAgent", "tabular worlds step their population synchronously",
                                           value: .bool(true), hint: "use perAgent: false or an 'every' schedule")
            }
            if let i = merged.firstIndex(where: { $0.kind == kind }) { merged[i].schedule = schedule } else { merged.append((kind, schedule)) }
        }
        return merged
    }

    /// n and k with the k <= n check at `observation.k`.
    static func config(agents: Int, header: ScenarioHeader, initial: TabularWorldConfig.Initial) throws -> TabularWorldConfig {
        let k = header.k ?? min(10, agents)
        guard k <= agents else {
            throw header.context.issue("observation.k", "k must satisfy 1 <= k <= n = world.localAgents = \(agents)",
                                       value: .number(Double(k)), hint: "lower observation.k or raise world.localAgents")
        }
        return TabularWorldConfig(agents: agents, k: k, gamma: header.gamma, horizon: header.horizon, initial: initial)
    }
}
