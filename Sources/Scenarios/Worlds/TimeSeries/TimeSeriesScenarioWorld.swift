import Agents
import Engine

/// A time-series world with its validated policies; every run steps a ``TimeSeriesWorld`` through the
/// engine, one round per tick.
public struct TimeSeriesScenarioWorld: World {
    public let kind: String
    /// R.
    public let rounds: Int
    public let episodes: Int
    /// Data, clients, encoders, mixture and evaluation weights (the policy is replaced per run).
    public let setup: ForecastSetup
    public let policies: [(name: String, policy: any ScenarioForecastPolicy)]
    /// `world.mixture: { kind: "external", … }`: the server's weights from a process, one per run.
    public var externalMixture: ExternalPolicySpec? = nil

    public var policyNames: [String] { policies.map(\.name) }
    public func stepsPerEpisode(horizon: Int) -> Int { rounds }
    public var metricNames: [String] { ForecastMetrics.names }
    public var eventKinds: [EventKind] { [.worldTick, .observe, .globalObserve, .policyStep, .mixtureUpdate] }

    public var stepUnit: String { "round" }
    public var episodeLengthField: String { kind == "csv" ? "world.length" : "world.rounds" }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        var runSetup = setup
        runSetup.policy = chosen.policy
        // A role outside the simulator gets its own process per run (started at the run's first round).
        if let external = chosen.policy as? ExternalForecastPolicy {
            runSetup.policy = external.started(world: kind, seed: seed, episodes: episodes)
        }
        if let spec = externalMixture {
            runSetup.mixtureRule = ExternalMixtureRule(spec: spec, world: kind, seed: seed, clients: setup.clients, rounds: rounds, episodes: episodes)
        }
        let wall = metrics?.contains("wallSecondsPerStep") ?? false
        runSetup.regret = metrics?.contains("worstClientRegret") ?? true
        return EngineSession(model: TimeSeriesWorld(setup: runSetup, seed: seed, reportWallTime: wall),
                             schedules: ScheduleTable(runSetup.schedule, seed: seed, agents: setup.clients),
                             endTime: Double(episodes) * Double(rounds), metrics: metrics)
    }
}
