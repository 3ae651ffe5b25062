import Agents
import Engine
import Foundation

/// Builds the tabular worlds: `ring-zones` (the generator of Sources/Agents/README.md, "Tabular mean-field
/// game", every constant a parameter) and `tabular` (explicit P_g, P_l, R_g, R_l inline or from a JSON file
/// with those keys, such as `../shared/data/ring-zones/tables.json`).
enum TabularBuilder {
    /// The world kinds: the ring-zones generator, and a game from explicit tables.
    static let ringZonesKind = "ring-zones", explicitTablesKind = "tabular"

    static let registration = WorldRegistration(
        kind: ringZonesKind, summary: "multi-robot task: zones on a ring, the global agent steers, robots stay or step ±1",
        policies: TabularPolicyBuilder.kinds) { world, policies, header in
            let game = try ringZonesGame(&world, header: header)
            let alpha = try world.double("dirichletAlpha", default: RingZones().dirichletAlpha, in: 1e-6...1e6)
            return try finish(kind: ringZonesKind, game: game, world: &world, initial: .dirichlet(alpha: alpha),
                              policies: policies, header: header)
        }

    static let explicitTablesRegistration = WorldRegistration(
        kind: explicitTablesKind, summary: "a tabular mean-field game from explicit tables (P_g, P_l, R_g, R_l)",
        policies: TabularPolicyBuilder.kinds) { world, policies, header in
            let game = try explicitGame(&world)
            let initial: TabularWorldConfig.Initial
            if world.has("initialDistribution") {
                let mu = try world.doubles("initialDistribution", count: game.localStates, in: 0...1)
                guard abs(mu.reduce(0, +) - 1) <= 1e-9 else {
                    throw world.issue("initialDistribution", "a probability row must sum to 1 within 1e-9",
                                      value: .number(mu.reduce(0, +)))
                }
                initial = .fixed(mu)
            } else {
                initial = .dirichlet(alpha: try world.double("dirichletAlpha", default: 0.3, in: 1e-6...1e6))
            }
            return try finish(kind: explicitTablesKind, game: game, world: &world, initial: initial, policies: policies, header: header)
        }

    private static func finish(kind: String, game: TabularGame, world: inout ObjectReader, initial: TabularWorldConfig.Initial,
                               policies: [(name: String, reader: ObjectReader)], header: ScenarioHeader) throws -> any World {
        // Memory first (10^12 agents must fail on memory, at once), then the 32-bit agent-id cap; any
        // other bad count reports the same range, 1...2^31-1, whatever its value.
        let raw = world.raw("localAgents") ?? .number(1000)
        let range = 1...Int(Int32.max)
        let agents: Int
        if case .number(let d) = raw, d.isFinite, d == d.rounded(), d > Double(range.upperBound) {
            agents = Int(min(d, 0x1p53))
        } else {
            agents = try ObjectReader.integer(raw, path: world.child("localAgents"), range: range, context: world.context)
        }
        let config = try TabularScenarioWorld.config(agents: agents, header: header, initial: initial)
        let schedule = try TabularScenarioWorld.schedule(header)
        try header.limits.check(TabularScenarioWorld.memoryEstimate(game: game, config: config, episodes: header.episodes,
                                                                    schedule: schedule, policies: policies,
                                                                    worldPath: kind == ringZonesKind ? "world.zones" : "world",
                                                                    selected: header.isSelected), context: header.context)
        try TabularScenarioWorld.checkEvents(schedule, endTime: Double(header.episodes) * Double(header.horizon),
                                             agents: agents, limits: header.limits, context: header.context)
        guard range.contains(agents) else {
            throw world.issue("localAgents", "expected an integer in 1...\(Int32.max) (agent ids are 32-bit)", value: raw)
        }
        return TabularScenarioWorld(kind: kind, game: game, config: config, episodes: header.episodes,
                                    schedule: schedule,
                                    policies: try TabularPolicyBuilder.build(policies, game: game, k: config.k, header: header,
                                                                             initial: initial),
                                    scenarioName: header.name)
    }

    private static func ringZonesGame(_ world: inout ObjectReader, header: ScenarioHeader) throws -> TabularGame {
        var p = RingZones()
        p.zones = try world.int("zones", default: p.zones, in: 2...256)
        try header.limits.check(TabularScenarioWorld.tableEstimate(zones: p.zones, path: world.child("zones")), context: header.context)
        p.globalTargetLogit = try world.double("globalTargetLogit", default: p.globalTargetLogit, in: -50...50)
        p.globalCurrentLogit = try world.double("globalCurrentLogit", default: p.globalCurrentLogit, in: -50...50)
        p.globalFloorLogit = try world.double("globalFloorLogit", default: p.globalFloorLogit, in: -50...50)
        p.localFloorLogit = try world.double("localFloorLogit", default: p.localFloorLogit, in: -50...50)
        p.localCurrentLogit = try world.double("localCurrentLogit", default: p.localCurrentLogit, in: -50...50)
        p.localNeighbourLogit = try world.double("localNeighbourLogit", default: p.localNeighbourLogit, in: -50...50)
        p.localGlobalLogit = try world.double("localGlobalLogit", default: p.localGlobalLogit, in: -50...50)
        p.globalRewardValue = try world.double("globalReward", default: p.globalRewardValue, in: ObjectReader.moderate)
        p.matchReward = try world.double("matchReward", default: p.matchReward, in: ObjectReader.moderate)
        p.nearReward = try world.double("nearReward", default: p.nearReward, in: ObjectReader.moderate)
        p.actionBonus = try world.doubles("actionBonus", default: p.actionBonus, count: 3, in: ObjectReader.moderate)
        return p.game(localUsesNextGlobal: try world.bool("localUsesNextGlobal", default: false))
    }

    private static func explicitGame(_ world: inout ObjectReader) throws -> TabularGame {
        let tables: ObjectReader
        if world.has("tablesFile") {
            let file = try world.string("tablesFile")
            tables = try loadTablesFile(world.context.resolve(file), path: world.child("tablesFile"), context: world.context)
        } else if let inline = try world.object("tables") {
            tables = inline
        } else {
            throw world.issue("tables", "missing required field", hint: "give tables: { P_g, P_l, R_g, R_l } or tablesFile: \"tables.json\"")
        }
        var reader = tables
        func table(_ key: String, depth: Int) throws -> NumberTable {
            guard let value = reader.raw(key) else { throw reader.issue(key, "missing required table") }
            return try NumberTable.read(value, path: reader.child(key), depth: depth, context: reader.context)
        }
        let pg = try table("P_g", depth: 3), pl = try table("P_l", depth: 4)
        let rg = try table("R_g", depth: 2), rl = try table("R_l", depth: 3)
        let (sg, ag, sl, al) = (pg.shape[0], pg.shape[1], pl.shape[0], pl.shape[2])
        for (key, shape, expected) in [("P_g", pg.shape, [sg, ag, sg]), ("P_l", pl.shape, [sl, sg, al, sl]),
                                       ("R_g", rg.shape, [sg, ag]), ("R_l", rl.shape, [sl, sg, al])] where shape != expected {
            throw reader.issue(key, "expected shape \(expected) (from P_g [s_g][a_g][s_g'] and P_l [s_l][s_g][a_l][s_l'])",
                               value: .string("\(shape)"))
        }
        guard sl <= 256 else { throw reader.issue("P_l", "at most 256 local states", value: .number(Double(sl))) }
        for (key, rewards) in [("R_g", rg), ("R_l", rl)] {
            if let i = rewards.values.firstIndex(where: { !ObjectReader.moderate.contains($0) }) {
                throw reader.issue(key, "rewards must lie in \(ObjectReader.moderate) (entry \(i) in row-major order)",
                                   value: .number(rewards.values[i]), hint: "rescale the rewards")
            }
        }
        try pg.checkProbabilityRows(path: reader.child("P_g"), context: reader.context)
        try pl.checkProbabilityRows(path: reader.child("P_l"), context: reader.context)
        try reader.finish(alsoAllowed: ["description", "indexing"])
        return TabularGame(globalStates: sg, globalActions: ag, localStates: sl, localActions: al,
                           globalTransition: pg.values, localTransition: pl.values, globalReward: rg.values,
                           localReward: rl.values, localUsesNextGlobal: try world.bool("localUsesNextGlobal", default: false))
    }

    private static func loadTablesFile(_ file: String, path: String, context: ConfigContext) throws -> ObjectReader {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw context.issue(path, "cannot read the tables file", value: .string(file), hint: "paths are relative to the scenario file")
        }
        let source = try ScenarioSource(data: data, file: file)
        return try ObjectReader(source.tree, path: "", context: source.context)
    }
}
