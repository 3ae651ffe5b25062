import Agents
import Engine

/// The `fedopt` world with its validated policies. Each run draws the clients of its seed (the
/// `client` stream) and steps a ``FedOptWorld``; `worldTick` every `horizon` starts a training run.
/// Learned policies (`g-learn`, `alternating-marl`) are trained on the tabular abstraction when a run
/// starts, deterministically from their seed.
public struct FedOptScenarioWorld: World {
    /// One named policy.
    public struct Policy: Sendable {
        /// How the policy gets its rules.
        public enum Source: Sendable {
            /// A ready policy (`fedavg`).
            case fixed(any FedOptPolicy)
            /// A learner on the abstraction, estimated on the clients of the learner's seed.
            case learned(TabularLearnerSpec)
        }

        public let name: String
        public let source: Source
    }

    /// n, d, heterogeneity and condition of the clients' objectives.
    public let clients: Int, dimension: Int, heterogeneity: Double, condition: Double
    /// Job clocks.
    public let timing: FedOptTiming
    /// k, E, mode, target.
    public let config: FedOptConfig
    /// The bins and action levels of the tabular abstraction.
    public let abstraction: FedOptAbstraction
    /// `horizon` (simulated time per episode), `episodes`, `gamma`.
    public let header: ScenarioHeader
    /// Policies in file order.
    public let policies: [Policy]
    /// Learned policies trained so far by this loaded scenario's sessions (`compare` and `sweep` train
    /// each once).
    private let trainedCache = TrainedPolicyCache()

    /// The world's kind.
    static let worldKind = "fedopt"

    public var kind: String { Self.worldKind }
    public var policyNames: [String] { policies.map(\.name) }
    public var metricNames: [String] {
        ["globalLoss", "worstClientLoss", "messages", "bytes", "simulatedTimeToTarget", "roundsToTarget", "targetReached"]
    }
    public var eventKinds: [EventKind] {
        if case .async = config.mode { return [.worldTick, FedOptWorld.clientUpload] }
        return [.worldTick, .globalObserve, .globalStep]
    }

    public var stepUnit: String { "simulated time" }

    /// `globalLossByRound` counts aggregation rounds from 0 in every episode; `globalLossByTime` follows
    /// the run's clock.
    public func seriesAxis(_ series: String) -> SeriesAxis {
        SeriesAxis(unit: series == "globalLossByRound" ? "round" : stepUnit, restartsEachEpisode: series == "globalLossByRound")
    }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        switch chosen.source {
        case .fixed(let rule):
            // A policy outside the simulator starts its process here, one per run.
            let run = PolicyRun(world: kind, seed: seed, agents: clients, k: config.clientsPerRound, horizon: header.horizon,
                                episodes: header.episodes, gamma: header.gamma, globalStates: 0, globalActions: 0, countBins: 0)
            return session(try rule.startRun(run), seed: seed, episodes: header.episodes, metrics: metrics)
        case .learned(let spec):
            // Training is a pure function of the spec: the abstraction is estimated on the clients of the
            // learner's seed, whatever seed the run uses.
            let file = try trainedCache.file(chosen.name) { try train(chosen.name, spec, progress: { _ in }) }
            let tables = file.deployable(kind: spec.kind)
            let rule = TabularFedOptPolicy(kind: spec.kind, abstraction: abstraction, global: tables.global, local: tables.local)
            return session(rule, seed: seed, episodes: header.episodes, metrics: metrics)
        }
    }

    public var trainablePolicyNames: [String] {
        policies.filter { if case .learned = $0.source { return true } else { return false } }.map(\.name)
    }

    /// Trains the learned policy `policy` on the abstraction estimated with its seed (`sim train`).
    public func train(policy: String, progress: (String) -> Void) throws -> TrainedPolicyFile {
        guard let chosen = policies.first(where: { $0.name == policy }), case .learned(let spec) = chosen.source else {
            throw notTrainable(policy)
        }
        return try train(chosen.name, spec, progress: progress)
    }

    private func train(_ name: String, _ spec: TabularLearnerSpec, progress: (String) -> Void) throws -> TrainedPolicyFile {
        let game = abstraction.game(problem: problem(seed: spec.seed), k: config.clientsPerRound,
                                    localSteps: config.localSteps, seed: spec.seed)
        let trained = try spec.train(game: game, gamma: header.gamma, evaluate: { global, local in
            try evaluate(deployed(spec.kind, global, local), seed: spec.seed, episodes: spec.evalEpisodes)
        }, gap: { _, _ in nil }, progress: progress)
        return TrainedPolicyFile(trained: trained, spec: spec, scenario: header.name, policy: name, game: game)
    }

    /// The value of a policy in the abstraction's terms: per episode Σ_r γ^(r-1) · (-log10(F(w_r) - F*)),
    /// r counting aggregations, averaged over `episodes` episodes under `seed`.
    func evaluate(_ rule: any FedOptPolicy, seed: UInt64, episodes: Int) throws -> Double {
        var run = session(rule, seed: seed, episodes: episodes, metrics: [])
        _ = try run.run(until: run.endTime, shouldStop: { StopRequest.isRequested })
        let world = run.simulation.model, series = world.metrics.lossByRound
        var total = 0.0, weight = 1.0
        for (round, loss) in zip(series.times, series.values) {
            if round == 1 { weight = 1 }
            total += weight * FedOptAbstraction.reward(loss - world.problem.minimumLoss)
            weight *= header.gamma
        }
        return total / Double(episodes)
    }

    private func deployed(_ kind: String, _ global: GlobalPolicyTable, _ local: LocalPolicyTable) -> TabularFedOptPolicy {
        TabularFedOptPolicy(kind: kind, abstraction: abstraction,
                            global: TabularGlobalPolicy(space: global.space, actions: global.actions.map(Int.init)),
                            local: LocalPolicyTable(kind: kind, globalStates: local.globalStates, localStates: local.localStates,
                                                    actions: local.actions, probabilities: local.probabilities))
    }

    /// The clients of `seed`.
    private func problem(seed: UInt64) -> FedOptProblem {
        FedOptProblem(clients: clients, dimension: dimension, heterogeneity: heterogeneity, condition: condition, seed: seed)
    }

    /// One run: the only place fedopt sessions are made.
    private func session(_ rule: any FedOptPolicy, seed: UInt64, episodes: Int, metrics: [String]?) -> EngineSession<FedOptWorld> {
        let length = Double(header.horizon)
        let model = FedOptWorld(problem: problem(seed: seed), timing: timing, config: config, policy: rule, seed: seed, episodeLength: length)
        return EngineSession(model: model, schedules: ScheduleTable([(.worldTick, .every(period: length, offset: 0))], seed: seed, agents: clients),
                             endTime: Double(episodes) * length, metrics: metrics)
    }
}
