import Engine
import Scenarios

/// The `drift-walk` world with its validated policies; every run steps a ``DriftWalk`` through the
/// engine: `worldTick` every `horizon` (episode starts), then `globalStep` and `policyStep` every tick.
/// It declares none of the optional abilities but checkpoints, which its sessions provide.
struct DriftWalkWorld<Extra: DriftWalkExtra>: World {
    var kind: String { "drift-walk" }
    /// n and p.
    let walkers: Int, moveProbability: Double
    /// Steps per episode and episodes per run.
    let horizon: Int, episodes: Int
    /// Policies in file order.
    let policies: [(name: String, policy: DriftPolicy)]
    /// The variant's settings.
    let extra: Extra.Settings

    var policyNames: [String] { policies.map(\.name) }
    var metricNames: [String] { ["finalMean", "spread"] }
    var eventKinds: [EventKind] { [.worldTick, .globalStep, .policyStep] }
    var seriesNames: [String]? { [] }

    func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        try session(policy: policy, seed: seed, metrics: metrics)
    }

    /// A run of `policy` under `seed`, with its model in view (the tests read its state).
    func session(policy: String, seed: UInt64, metrics: [String]? = nil) throws -> EngineSession<DriftWalk<Extra>> {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        let configuration = DriftWalk<Extra>.Configuration(walkers: walkers, moveProbability: moveProbability,
                                                           policy: chosen.policy, extra: extra)
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: Double(horizon), offset: 0)), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        return EngineSession(model: DriftWalk(configuration: configuration, seed: seed),
                             schedules: ScheduleTable(schedule, seed: seed, agents: walkers),
                             endTime: Double(episodes) * Double(horizon), metrics: metrics)
    }
}
