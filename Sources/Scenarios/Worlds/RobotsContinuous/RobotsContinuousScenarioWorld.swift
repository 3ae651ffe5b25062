import Agents
import Engine

/// The `robots-continuous` world with its validated policies; every run steps a
/// ``RobotsContinuousWorld`` through the engine with the tabular worlds' schedule (episodes of
/// `horizon` ticks started by `worldTick`). Learned policies (`g-learn`, `alternating-marl`) are
/// trained on the binned abstraction when a run starts, deterministically from their seed.
public struct RobotsContinuousScenarioWorld: World {
    /// One named policy.
    public struct Policy: Sendable {
        /// How the policy gets its rules.
        public enum Source: Sendable {
            /// π_g on `observationBins` bins, and π_l.
            case fixed(global: any GlobalPolicy, observationBins: Int, local: RobotsContinuousLocalRule)
            /// A learner on the binned game; `g-learn` deploys the scenario's `local` rule with the learned
            /// π_g, `alternating-marl` deploys both learned tables.
            case learned(TabularLearnerSpec, local: RobotsContinuousLocalRule)
        }

        public let name: String
        public let source: Source
        /// The process that moves every robot (`local: { kind: "external" }`), nil for a built-in rule.
        public var externalLocal: ExternalPolicySpec? = nil
    }

    public let robots: RobotsContinuousDynamics
    /// n and k.
    public let agents: Int, k: Int
    /// The binned game the learners solve (``RobotsContinuousAbstraction``) and its bins.
    public let abstraction: TabularGame, bins: Int
    /// γ, horizon, episodes.
    public let header: ScenarioHeader
    /// The merged schedules.
    public let schedule: [(kind: EventKind, schedule: Schedule)]
    /// Policies in file order.
    public let policies: [Policy]
    /// Learned policies trained so far by this loaded scenario's sessions (`compare` and `sweep` train
    /// each once).
    private let trainedCache = TrainedPolicyCache()

    /// The world's kind.
    static let worldKind = "robots-continuous"

    public var kind: String { Self.worldKind }
    public var policyNames: [String] { policies.map(\.name) }
    public var metricNames: [String] { ["discountedReturn", "modeAccuracy"] }
    public var eventKinds: [EventKind] { schedule.map(\.kind) }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        switch chosen.source {
        case .fixed(let global, let observationBins, let local):
            // A policy outside the simulator starts its process here, one per run.
            let run = PolicyRun(world: kind, seed: seed, agents: agents, k: k, horizon: header.horizon,
                                episodes: header.episodes, gamma: header.gamma, globalStates: observationBins,
                                globalActions: robots.targets.count, countBins: observationBins, localActions: robots.localMoves.count)
            let global = try global.startRun(run)
            let population = try chosen.externalLocal.map { try ExternalRobotsLocalPopulation(spec: $0, run: run, robots: robots) }
            return session(global: global, observationBins: observationBins, local: local, localPopulation: population, seed: seed,
                           episodes: header.episodes, metrics: metrics)
        case .learned(let spec, let local):
            let file = try trainedCache.file(chosen.name) { try train(chosen.name, spec, local: local, progress: { _ in }) }
            let tables = file.deployable(kind: spec.kind)
            return session(global: tables.global, observationBins: bins,
                           local: spec.learner.learnsLocalPolicy ? RobotsContinuousLocalRule(.table(tables.local, bins: bins), robots: robots) : local,
                           seed: seed, episodes: header.episodes, metrics: metrics)
        }
    }

    public var trainablePolicyNames: [String] {
        policies.filter { if case .learned = $0.source { return true } else { return false } }.map(\.name)
    }

    /// Trains the learned policy `policy` on the binned game (`sim train`).
    public func train(policy: String, progress: (String) -> Void) throws -> TrainedPolicyFile {
        guard let chosen = policies.first(where: { $0.name == policy }) else { throw notTrainable(policy) }
        guard case .learned(let spec, let local) = chosen.source else { throw notTrainable(policy) }
        return try train(chosen.name, spec, local: local, progress: progress)
    }

    private func train(_ name: String, _ spec: TabularLearnerSpec, local: RobotsContinuousLocalRule,
                       progress: (String) -> Void) throws -> TrainedPolicyFile {
        let trained = try spec.train(game: abstraction, gamma: header.gamma, evaluate: { global, learned in
            try evaluate(global: global, local: spec.learner.learnsLocalPolicy ? deployed(learned) : local, seed: spec.seed,
                         episodes: spec.evalEpisodes)
        }, gap: { _, _ in nil }, progress: progress)
        return TrainedPolicyFile(trained: trained, spec: spec, scenario: header.name, policy: name, game: abstraction)
    }

    /// The mean discounted return of a learned π_g with π_l over `episodes` episodes under `seed`.
    func evaluate(global: GlobalPolicyTable, local: RobotsContinuousLocalRule, seed: UInt64, episodes: Int) throws -> Double {
        var run = session(global: runtime(global), observationBins: bins, local: local, seed: seed, episodes: episodes,
                          metrics: ["discountedReturn"])
        _ = try run.run(until: run.endTime, shouldStop: { StopRequest.isRequested })
        return try run.finish().metric("discountedReturn")?.mean ?? .nan
    }

    private func runtime(_ global: GlobalPolicyTable) -> TabularGlobalPolicy {
        TabularGlobalPolicy(space: global.space, actions: global.actions.map(Int.init))
    }

    private func deployed(_ local: LocalPolicyTable) -> RobotsContinuousLocalRule {
        RobotsContinuousLocalRule(.table(LocalPolicyTable(kind: AlternatingMARL.family.kind, globalStates: local.globalStates,
                                                          localStates: local.localStates, actions: local.actions,
                                                          probabilities: local.probabilities), bins: bins), robots: robots)
    }

    /// One run: the only place robots sessions are made.
    private func session(global: any GlobalPolicy, observationBins: Int, local: RobotsContinuousLocalRule,
                         localPopulation: ExternalRobotsLocalPopulation? = nil, seed: UInt64,
                         episodes: Int, metrics: [String]?) -> EngineSession<RobotsContinuousWorld> {
        var model = RobotsContinuousWorld(robots: robots, agents: agents, k: k, gamma: header.gamma,
                                          globalPolicy: global, observationBins: observationBins, localRule: local, seed: seed)
        model.localPopulation = localPopulation
        return EngineSession(model: model, schedules: ScheduleTable(schedule, seed: seed, agents: agents),
                             endTime: Double(episodes) * Double(header.horizon), metrics: metrics)
    }
}
