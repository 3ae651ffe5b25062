import Agents
import Engine

/// Builds the `robots-continuous` world (DESIGN.md "Continuous robots"): every constant of
/// ``ContinuousRobots`` is a `world` field; policies are `random` and `mode-dispatch`, each with a
/// `local` rule `random` (default), `stay` or `follow` (with `tolerance`, default 0.05).
enum RobotsContinuousBuilder {
    static let policyKinds: [(kind: String, summary: String)] = [
        ("random", "uniform global and local actions (baseline)"),
        ("mode-dispatch", "global target = the histogram bin holding most of the k sampled robots (ties: lowest)"),
    ]

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
            return RobotsScenarioWorld(robots: robots, agents: agents, k: k, header: header,
                                       schedule: try TabularScenarioWorld.schedule(header),
                                       policies: try policies.map { try policy($0.name, $0.reader, robots: robots) })
        }

    private static func readRobots(_ world: inout ObjectReader) throws -> ContinuousRobots {
        var r = ContinuousRobots()
        r.targets = try world.doubles("targets", default: r.targets, in: r.lower...r.upper)
        guard !r.targets.isEmpty else { throw world.issue("targets", "expected at least one target") }
        r.localMoves = try world.doubles("localMoves", default: r.localMoves, count: 3, in: -1...1)
        r.globalGain = try world.double("globalGain", default: r.globalGain, in: 0...1)
        r.globalNoise = try world.double("globalNoise", default: r.globalNoise, in: 0...10)
        r.localNoise = try world.double("localNoise", default: r.localNoise, in: 0...10)
        r.globalRewardScale = try world.double("globalRewardScale", default: r.globalRewardScale)
        r.globalRewardWidth = try world.double("globalRewardWidth", default: r.globalRewardWidth, in: 1e-9...100)
        r.localRewardScale = try world.double("localRewardScale", default: r.localRewardScale)
        r.localRewardWidth = try world.double("localRewardWidth", default: r.localRewardWidth, in: 1e-9...100)
        r.moveCost = try world.double("moveCost", default: r.moveCost)
        r.clusterCenters = try world.doubles("clusterCenters", default: r.clusterCenters, count: 2, in: r.lower...r.upper)
        r.clusterSpread = try world.double("clusterSpread", default: r.clusterSpread, in: 0...10)
        r.majorityShare = try world.double("majorityShare", default: r.majorityShare, in: 0...1)
        r.randomMajority = try world.bool("randomMajority", default: r.randomMajority)
        return r
    }

    private static func policy(_ name: String, _ entry: ObjectReader, robots: ContinuousRobots) throws -> RobotsScenarioWorld.Policy {
        var reader = entry
        let kind = try reader.string("kind", oneOf: policyKinds.map(\.kind))
        let rule = try reader.string("local", default: "random", oneOf: ["random", "stay", "follow"])
        let local: ContinuousLocalRule
        switch rule {
        case "follow": local = .follow(tolerance: try reader.double("tolerance", default: 0.05, in: 0...4))
        case "stay": local = .stay
        default: local = .random
        }
        let global: any GlobalPolicy = kind == "mode-dispatch" ? ModeDispatchPolicy() : RandomGlobalPolicy(actions: robots.targets.count)
        try reader.finish()
        return RobotsScenarioWorld.Policy(name: name, global: global, observationBins: robots.observationBins, local: local)
    }
}
