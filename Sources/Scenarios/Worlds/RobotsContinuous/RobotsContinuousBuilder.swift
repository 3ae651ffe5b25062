import Agents
import Engine

/// Builds the `robots-continuous` world: every constant of
/// ``RobotsContinuousDynamics`` is a `world` field, plus `bins` and `abstractionSamples` of the binned game
/// the learners solve (``RobotsContinuousAbstraction``, estimated with the scenario's seed). Policies
/// are the global families ``RandomGlobalPolicy``, ``ModeDispatchPolicy`` and ``ExternalGlobalPolicy``
/// and the learners G-LEARN and ALTERNATING-MARL, each with a `local` rule `random` (default), `stay` or
/// `follow` (with `tolerance`, default 0.05); ALTERNATING-MARL learns its own. The fixed families also
/// take `local: { kind: "external", command: [...] }`, a process that moves every robot
/// (``ExternalRobotsLocalPopulation``).
enum RobotsContinuousBuilder {
    /// What reading a robots policy entry needs: the binned abstraction and its game, k and the header.
    struct Context: Sendable {
        let abstraction: RobotsContinuousAbstraction, game: TabularGame, k: Int, header: ScenarioHeader
    }

    /// Every policy family of the robots world, in listing order.
    static let readers: [PolicyReader<Context, RobotsContinuousScenarioWorld.Policy>] = [
        fixed(RandomGlobalPolicy.family) { _, _, context in RandomGlobalPolicy(actions: context.abstraction.robots.targets.count) },
        fixed(ModeDispatchPolicy.family) { _, _, _ in ModeDispatchPolicy() },
        fixed(ExternalGlobalPolicy.family) { name, reader, _ in ExternalGlobalPolicy(spec: try ExternalPolicySpec.read(name: name, &reader)) },
    ] + TabularLearner.allCases.filter { $0 != .subsampleMFQ }.map(learned)

    static let registration = WorldRegistration(
        kind: RobotsContinuousScenarioWorld.worldKind,
        summary: "robots on [-2, 2]; the global agent picks one of 5 targets from a 5-bin histogram of k sampled robots",
        policies: PolicyReader.listing(readers)) { world, policies, header in
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
            let context = Context(abstraction: abstraction, game: game, k: k, header: header)
            let built = try policies.map { try PolicyReader.read(readers, name: $0.name, $0.reader, context: context) }
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

    /// A robots policy entry's `local` rule: `random` (default), `stay` or `follow` (with `tolerance`,
    /// default 0.05), with its table on the binned game (what the learners plan against).
    private static func localRule(_ reader: inout ObjectReader, _ context: Context) throws -> (rule: RobotsContinuousLocalRule, table: LocalPolicyTable) {
        let robots = context.abstraction.robots, game = context.game
        let name = try reader.string("local", default: NamedLocalRule.random.rawValue, oneOf: [NamedLocalRule.random, .stay, .follow].map(\.rawValue))
        switch NamedLocalRule(rawValue: name) ?? .random {
        case .follow:
            return (RobotsContinuousLocalRule(.follow(tolerance: try reader.double("tolerance", default: 0.05, in: 0...4)), robots: robots),
                    context.abstraction.followTable())
        case .stay:
            return (RobotsContinuousLocalRule(.stay, robots: robots),
                    .stay(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions))
        case .random:
            return (RobotsContinuousLocalRule(.random, robots: robots), .uniform(for: game))
        }
    }

    /// A fixed global family on the robots' own histogram bins.
    private static func fixed(_ family: PolicyFamily,
                              global: @escaping @Sendable (String, inout ObjectReader, Context) throws -> any GlobalPolicy)
        -> PolicyReader<Context, RobotsContinuousScenarioWorld.Policy> {
        PolicyReader(family) { name, reader, context in
            // `local: { kind: "external", … }`: the robots' moves come from a process; the rule is a placeholder.
            let externalLocal = try TabularPolicyBuilder.externalLocalSpec(&reader, name: name)
            let local = externalLocal == nil ? try localRule(&reader, context).rule
                : RobotsContinuousLocalRule(.random, robots: context.abstraction.robots)
            return RobotsContinuousScenarioWorld.Policy(
                name: name, source: .fixed(global: try global(name, &reader, context), observationBins: context.abstraction.robots.observationBins,
                                           local: local),
                externalLocal: externalLocal)
        }
    }

    /// A learned family on the binned game.
    private static func learned(_ learner: TabularLearner) -> PolicyReader<Context, RobotsContinuousScenarioWorld.Policy> {
        PolicyReader(learner.family, learner: learner) { name, reader, context in
            if case .object? = reader.members.first(where: { $0.key == "local" })?.value {
                throw reader.issue("local", "\(learner.family.kind) learns against a built-in local rule; an external local population cannot be planned for",
                                   hint: "use local: \"random\", \"stay\" or \"follow\", or a fixed global policy (random, mode-dispatch, external)")
            }
            let local = try localRule(&reader, context)
            let game = context.game, k = context.k, header = context.header
            // C(k + L - 1, L - 1) count vectors per s_g, in floating point so that the check cannot overflow.
            let vectors = (1..<max(game.localStates, 1)).reduce(1.0) { $0 * Double(k + $1) / Double($1) }
            let states = Double(game.globalStates) * vectors
            guard states <= 5e6 || !header.isSelected(name) else {
                throw header.context.issue("observation.k", "\(learner.family.kind) on \(game.localStates) bins needs \(states) (s_g, counts) states for k = \(k)",
                                           value: .number(Double(k)), hint: "lower observation.k or world.bins")
            }
            let spec = try TabularLearnerSpec.read(learner: learner, &reader, game: game, k: k, header: header, local: local.table,
                                                   // The abstraction has no episode start: no joint model.
                                                   initial: nil)
            return RobotsContinuousScenarioWorld.Policy(name: name, source: .learned(spec, local: local.rule))
        }
    }
}
