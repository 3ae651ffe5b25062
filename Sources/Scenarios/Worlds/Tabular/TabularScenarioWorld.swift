import Agents
import Engine

/// A tabular world (ring-zones or explicit tables) with its validated policies; every run steps a
/// ``TabularWorld`` through the engine.
public struct TabularScenarioWorld: World {
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
    public let policies: [TabularPolicyEntry]
    /// The scenario's `name` (recorded in trained policy files).
    public let scenarioName: String
    /// Learned policies trained so far by this loaded scenario's sessions.
    private let trainedCache = TrainedPolicyCache()

    public var policyNames: [String] { policies.map(\.name) }
    public var metricNames: [String] {
        game.globalStates == game.localStates ? ["discountedReturn", "modeAccuracy"] : ["discountedReturn"]
    }
    public var eventKinds: [EventKind] { schedule.map(\.kind) }

    public func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession {
        let tables = try deployedTables(policy: policy)
        // A policy outside the simulator starts its process here, one per run.
        let run = PolicyRun(world: kind, seed: seed, agents: config.agents, k: config.k, horizon: config.horizon, episodes: episodes,
                            gamma: config.gamma, globalStates: game.globalStates, globalActions: game.globalActions,
                            countBins: game.localStates, localActions: game.localActions)
        let global = try tables.global.startRun(run)
        let localPopulation = try entry(policy).externalLocal.map { try ExternalLocalPopulation(spec: $0, run: run) }
        return session(global: global, local: tables.local, localPopulation: localPopulation, seed: seed, episodes: episodes, metrics: metrics)
    }

    /// `--retrain`: a session of `policy` on `seed` in which a learned policy is trained anew under the
    /// training seed derived from `seed` (``TabularLearnerSpec/trainingSeed(forEvaluationSeed:)``), so
    /// repeated seeds carry training variance; returns that training seed (nil for fixed policies, which
    /// run as usual). Each (policy, training seed) is trained once per loaded scenario.
    public func retrainedSession(policy: String, seed: UInt64, metrics: [String]?) throws -> (session: any RunSession, trainingSeed: UInt64?) {
        let chosen = try entry(policy)
        guard case .learned(let spec) = chosen.source else {
            return (try makeSession(policy: policy, seed: seed, metrics: metrics), nil)
        }
        let trainingSeed = spec.trainingSeed(forEvaluationSeed: seed)
        let reseeded = spec.reseeded(trainingSeed)
        let file = try trainedCache.file("\(chosen.name)\u{0}\(trainingSeed)") { try train(chosen.name, reseeded, progress: { _ in }) }
        let deployed = file.deployable(kind: spec.kind)
        return (session(global: deployed.global, local: deployed.local, seed: seed, episodes: episodes, metrics: metrics), trainingSeed)
    }

    /// Whether `policy` is trained (a learned kind).
    public func isLearned(_ policy: String) -> Bool {
        guard let chosen = policies.first(where: { $0.name == policy }), case .learned = chosen.source else { return false }
        return true
    }

    /// The tables a run of `policy` deploys; learned kinds train here (once per loaded scenario),
    /// deterministically, and deploy exactly what `sim train` would write.
    /// - Throws: ``ScenarioError`` when the name is unknown.
    public func deployedTables(policy: String) throws -> (global: any GlobalPolicy, local: LocalPolicyTable) {
        let chosen = try entry(policy)
        switch chosen.source {
        case .fixed(let global, let local):
            return (global, local)
        case .learned(let spec):
            let file = try trainedCache.file(chosen.name) { try train(chosen.name, spec, progress: { _ in }) }
            let deployed = file.deployable(kind: spec.kind)
            return (deployed.global, deployed.local)
        }
    }

    /// The training log of learned policy `policy` once a session has trained it (nil before, and for
    /// fixed policies); `sim run` prints it to stderr.
    public func trainingLog(policy: String) -> [String]? {
        trainedCache.cached(policy)?.log
    }

    /// The names of the policies `sim train` can train, in file order.
    public var trainablePolicyNames: [String] {
        policies.filter { if case .learned = $0.source { return true } else { return false } }.map(\.name)
    }

    /// Trains the learned policy `policy` (`sim train`); `progress` receives each log line.
    /// - Throws: ``ScenarioError`` when the name is unknown or not a learned kind.
    public func train(policy: String, progress: (String) -> Void) throws -> TrainedPolicyFile {
        let chosen = try entry(policy)
        guard case .learned(let spec) = chosen.source else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies.\(policy)", message: "policy '\(policy)' is not trained",
                                                      hint: "trainable: " + (trainablePolicyNames.isEmpty ? "none (use g-learn, alternating-marl or subsample-mfq)" : trainablePolicyNames.joined(separator: ", "))))
        }
        return try train(chosen.name, spec, progress: progress)
    }

    private func train(_ name: String, _ spec: TabularLearnerSpec, progress: (String) -> Void) throws -> TrainedPolicyFile {
        // With `nashConvSeeds`, each evaluated pair is also measured; its nashConv joins the iteration's line
        // (the line that follows the measurement; later lines, such as the selection's, are left alone).
        var gaps: [String] = [], noted = 0
        var trained = try spec.train(game: game, gamma: config.gamma, evaluate: { global, local in
            try evaluate(global: global, local: local, seed: spec.seed, episodes: spec.evalEpisodes)
        }, gap: { global, local in
            guard spec.nashConvSeeds > 0 else { return nil }
            let measured = try trainingNashConv(global: global, local: local, spec: spec)
            gaps.append(measured.text)
            return measured.mean
        }, progress: { line in
            guard gaps.count > noted else { return progress(line) }
            noted = gaps.count
            progress(line + ", " + gaps[noted - 1])
        })
        if !gaps.isEmpty { trained = trained.annotated(gaps) }
        return TrainedPolicyFile(trained: trained, spec: spec, scenario: scenarioName, policy: name, game: game)
    }

    /// The mean discounted return of a pair over `episodes` episodes under `seed`, run through the same
    /// session as `sim run`, with the tables built exactly as deployment builds them.
    func evaluate(global: GlobalPolicyTable, local: LocalPolicyTable, seed: UInt64, episodes: Int) throws -> Double {
        let runtimeGlobal = TabularGlobalPolicy(space: global.space, actions: global.actions.map(Int.init))
        let runtimeLocal = LocalPolicyTable(kind: AlternatingMARL.family.kind, globalStates: local.globalStates, localStates: local.localStates,
                                            actions: local.actions, probabilities: local.probabilities)
        var run = session(global: runtimeGlobal, local: runtimeLocal, seed: seed, episodes: episodes, metrics: ["discountedReturn"])
        _ = try run.run(until: run.endTime, shouldStop: { StopRequest.isRequested })
        return try run.finish().metric("discountedReturn")?.mean ?? .nan
    }

    /// One run of a pair of tables: the only place tabular sessions are made.
    private func session(global: any GlobalPolicy, local: LocalPolicyTable, localPopulation: (any LocalPolicy<UInt8, Int>)? = nil,
                         seed: UInt64, episodes: Int, metrics: [String]?) -> EngineSession<TabularWorld> {
        var model = TabularWorld(game: game, config: config, globalPolicy: global, localPolicy: local, seed: seed)
        model.localPopulation = localPopulation
        return EngineSession(model: model, schedules: ScheduleTable(schedule, seed: seed, agents: config.agents),
                             endTime: Double(episodes) * Double(config.horizon), metrics: metrics)
    }

    private func entry(_ policy: String) throws -> TabularPolicyEntry {
        guard let chosen = policies.first(where: { $0.name == policy }) else {
            throw ScenarioError.invalid(ScenarioIssue(file: "--policy", path: "policies", message: "no policy named '\(policy)'",
                                                      hint: "this scenario has " + policyNames.joined(separator: ", ")))
        }
        return chosen
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
