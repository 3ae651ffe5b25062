import Agents
import Engine

/// Builds the `robots-continuous` world: every constant of
/// ``RobotsContinuousDynamics`` is a `world` field, plus `bins` and `abstractionSamples` of the binned game
/// the learners solve (``RobotsContinuousAbstraction``, estimated with the scenario's seed). Policies
/// are `random`, `mode-dispatch`, `g-learn` and `alternating-marl`, each with a `local` rule `random`
/// (default), `stay` or `follow` (with `tolerance`, default 0.05); `alternating-marl` learns its own.
enum RobotsContinuousBuilder {
    static let policyKinds: [(kind: String, summary: String)] = [
        ("random", "uniform global and local actions (baseline)"),
        ("mode-dispatch", "global target = the histogram bin holding most of the k sampled robots (ties: lowest)"),
        ("external", "the global target from a process of any language, over JSON Lines (command: [...])"),
    ] + TabularLearnerSpec.kinds.filter { $0.kind != "subsample-mfq" }

    static let registration = WorldRegistration(
        kind: "robots-continuous",
        summary: "robots on [-2, 2]; the global agent picks one of 5 targets from a 5-bin histogram of k sampled robots",
        policies: policyKinds) { world, policies, header in
            let robots = try readRobots(&world)
            let agents = try world.int("localAgents", default: 500, in: 1...Int(Int32.max))
            let k = header.k ?? min(10, agents)
            guard k <= agents else {
                throw header.context.issue("observation.k", "k must satisfy 1 <= k <= n = world.localAgents = \(agents)",
                                           value: .number(Double(k)), hint: "lower observation.k or raise world.localAgents")
            }
            let bins = try world.int("bins", default: 5, in: 1...256)
            let schedule = try TabularScenarioWorld.schedule(header)
            try header.limits.check(RobotsContinuousScenarioWorld.memoryEstimate(agents: agents, k: k, bins: bins, globalActions: robots.targets.count,
                                                                       header: header, schedule: schedule, policies: policies),
                                    context: header.context)
            try TabularScenarioWorld.checkEvents(schedule, endTime: Double(header.episodes) * Double(header.horizon),
                                                 agents: agents, limits: header.limits, context: header.context)
            let samples = try world.int("abstractionSamples", default: 2000, in: 1...10_000_000)
            let abstraction = RobotsContinuousAbstraction(robots: robots, bins: bins, samples: samples)
            let game = abstraction.game(seed: header.seed)
            let built = try policies.map { try policy($0.name, $0.reader, abstraction: abstraction, game: game, k: k, header: header) }
            return RobotsContinuousScenarioWorld(robots: robots, agents: agents, k: k, abstraction: game, bins: bins, header: header,
                                       schedule: schedule, policies: built)
        }

    private static func readRobots(_ world: inout ObjectReader) throws -> RobotsContinuousDynamics {
        var r = RobotsContinuousDynamics()
        r.targets = try world.doubles("targets", default: r.targets, in: r.lower...r.upper)
        guard !r.targets.isEmpty else { throw world.issue("targets", "expected at least one target") }
        r.localMoves = try world.doubles("localMoves", default: r.localMoves, count: 3, in: -1...1)
        r.globalGain = try world.double("globalGain", default: r.globalGain, in: 0...1)
        r.globalNoise = try world.double("globalNoise", default: r.globalNoise, in: 0...10)
        r.localNoise = try world.double("localNoise", default: r.localNoise, in: 0...10)
        r.globalRewardScale = try world.double("globalRewardScale", default: r.globalRewardScale, in: ObjectReader.moderate)
        r.globalRewardWidth = try world.double("globalRewardWidth", default: r.globalRewardWidth, in: 1e-9...100)
        r.localRewardScale = try world.double("localRewardScale", default: r.localRewardScale, in: ObjectReader.moderate)
        r.localRewardWidth = try world.double("localRewardWidth", default: r.localRewardWidth, in: 1e-9...100)
        r.moveCost = try world.double("moveCost", default: r.moveCost, in: ObjectReader.moderate)
        r.clusterCenters = try world.doubles("clusterCenters", default: r.clusterCenters, count: 2, in: r.lower...r.upper)
        r.clusterSpread = try world.double("clusterSpread", default: r.clusterSpread, in: 0...10)
        r.majorityShare = try world.double("majorityShare", default: r.majorityShare, in: 0...1)
        r.randomMajority = try world.bool("randomMajority", default: r.randomMajority)
        return r
    }

    private static func policy(_ name: String, _ entry: ObjectReader, abstraction: RobotsContinuousAbstraction,
                               game: TabularGame, k: Int, header: ScenarioHeader) throws -> RobotsContinuousScenarioWorld.Policy {
        var reader = entry
        let kind = try reader.string("kind", oneOf: policyKinds.map(\.kind))
        let rule = try reader.string("local", default: "random", oneOf: ["random", "stay", "follow"])
        let local: RobotsContinuousLocalRule, table: LocalPolicyTable
        switch rule {
        case "follow":
            local = .follow(tolerance: try reader.double("tolerance", default: 0.05, in: 0...4))
            table = abstraction.followTable()
        case "stay":
            local = .stay
            var p = [Double](repeating: 0, count: game.globalStates * game.localStates * game.localActions)
            for row in stride(from: 0, to: p.count, by: game.localActions) { p[row] = 1 }
            table = LocalPolicyTable(kind: "stay", globalStates: game.globalStates, localStates: game.localStates,
                                     actions: game.localActions, probabilities: p)
        default:
            local = .random
            table = .uniform(for: game)
        }
        let source: RobotsContinuousScenarioWorld.Policy.Source
        switch kind {
        case "random", "mode-dispatch":
            let robots = abstraction.robots
            let global: any GlobalPolicy = kind == "mode-dispatch" ? ModeDispatchPolicy() : RandomGlobalPolicy(actions: robots.targets.count)
            source = .fixed(global: global, observationBins: robots.observationBins, local: local)
        case "external":
            source = .fixed(global: ExternalGlobalPolicy(spec: try ExternalPolicySpec.read(name: name, &reader)),
                            observationBins: abstraction.robots.observationBins, local: local)
        default:
            // C(k + L - 1, L - 1) count vectors per s_g, in floating point so that the check cannot overflow.
            let vectors = (1..<max(game.localStates, 1)).reduce(1.0) { $0 * Double(k + $1) / Double($1) }
            let states = Double(game.globalStates) * vectors
            guard states <= 5e6 || !header.isSelected(name) else {
                throw header.context.issue("observation.k", "\(kind) on \(game.localStates) bins needs \(states) (s_g, counts) states for k = \(k)",
                                           value: .number(Double(k)), hint: "lower observation.k or world.bins")
            }
            source = .learned(try TabularLearnerSpec.read(kind: kind, &reader, game: game, k: k, header: header, local: table,
                                                      // The abstraction has no episode start: no joint model.
                                                      initial: nil), local: local)
        }
        try reader.finish()
        return RobotsContinuousScenarioWorld.Policy(name: name, source: source)
    }
}
