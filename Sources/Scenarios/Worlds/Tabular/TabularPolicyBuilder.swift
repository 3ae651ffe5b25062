import Agents
import Engine

/// Builds the policies of tabular worlds from `policies.<name>` objects (Sources/Agents/README.md): `random`,
/// `mode-dispatch` (global) and `tabular` (explicit tables, or `file:` written by `sim train`), each with a
/// `local` rule: `"random"` (default), `"follow"`, `"stay"`, an explicit table `[s_g][s_l][a_l]`, or an
/// external process `{ kind: "external", command: [...] }` that chooses every agent's action; and the
/// learned kinds `g-learn`, `alternating-marl`, `subsample-mfq` (``TabularLearnerSpec``), trained when a run
/// starts.
enum TabularPolicyBuilder {
    static let kinds: [(kind: String, summary: String)] = [
        ("random", "uniform global and local actions (baseline)"),
        ("mode-dispatch", "global action = the zone holding most of the k sampled agents (ties: lowest)"),
        ("tabular", "explicit tables: global [s_g][count-vector rank] -> a_g, local [s_g][s_l][a_l], or file: from sim train"),
        ("external", "the global agent's decisions from a process of any language, over JSON Lines (command: [...])"),
    ] + TabularLearnerSpec.kinds

    static func build(_ entries: [(name: String, reader: ObjectReader)], game: TabularGame, k: Int,
                      header: ScenarioHeader, initial: TabularWorldConfig.Initial) throws -> [TabularPolicyEntry] {
        try entries.map { entry in
            var reader = entry.reader
            let kind = try reader.string("kind", oneOf: kinds.map(\.kind))
            if kind == "tabular", reader.has("file") {
                let entry = TabularPolicyEntry(name: entry.name, source: try fileTables(&reader, game: game, k: k))
                try reader.finish()
                return entry
            }
            if TabularLearnerSpec.kinds.contains(where: { $0.kind == kind }) {
                // Looked up without reading it: alternating-marl has no `local` key and must still refuse one.
                if case .object? = reader.members.first(where: { $0.key == "local" })?.value {
                    throw reader.issue("local", "\(kind) learns against a built-in local rule; an external local population cannot be planned for",
                                       hint: "use local: \"random\", \"follow\", \"stay\" or a table, or a fixed global policy (random, mode-dispatch, tabular, external)")
                }
                // alternating-marl learns its local policy; the others keep the given (default uniform) one.
                let local = kind == "alternating-marl" ? .uniform(for: game) : try localTable(&reader, game: game)
                let rules = ["follow", "stay"].compactMap { name in namedRule(name, game: game).map { (name, $0) } }
                let spec = try TabularLearnerSpec.read(kind: kind, &reader, game: game, k: k, header: header,
                                                       local: local, initial: initial, rules: rules)
                try reader.finish()
                return TabularPolicyEntry(name: entry.name, source: .learned(spec))
            }
            let externalLocal = try externalLocalSpec(&reader, name: entry.name)
            let local = externalLocal == nil ? try localTable(&reader, game: game)
                : .uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
            let global: any GlobalPolicy
            switch kind {
            case "mode-dispatch":
                try requireModeDispatch(reader, game: game)
                global = ModeDispatchPolicy()
            case "tabular":
                global = try globalTable(&reader, game: game, k: k)
            case "external":
                global = ExternalGlobalPolicy(spec: try ExternalPolicySpec.read(name: entry.name, &reader))
            default:
                global = RandomGlobalPolicy(actions: game.globalActions)
            }
            try reader.finish()
            return TabularPolicyEntry(name: entry.name, source: .fixed(global: global, local: local), externalLocal: externalLocal)
        }
    }

    /// `local: { kind: "external", command: [...], timeout }`: the spec of the process that chooses every
    /// local agent's action; nil when `local` is a named rule or a table.
    private static func externalLocalSpec(_ reader: inout ObjectReader, name: String) throws -> ExternalPolicySpec? {
        guard let value = reader.raw("local"), case .object = value else { return nil }
        var local = try ObjectReader(value, path: reader.child("local"), context: reader.context)
        _ = try local.string("kind", oneOf: ["external"])
        let spec = try ExternalPolicySpec.read(name: name, &local, roles: ["local"])
        try local.finish()
        return spec
    }

    /// `tabular` with `file: "policy.json"` (relative to the scenario): the tables `sim train` wrote.
    private static func fileTables(_ reader: inout ObjectReader, game: TabularGame, k: Int) throws -> TabularPolicyEntry.Source {
        let name = try reader.string("file")
        let file = try TrainedPolicyFile.read(file: reader.context.resolve(name))
        if let problem = file.mismatch(game: game, k: k) {
            throw reader.issue("file", problem, value: .string(name),
                               hint: "retrain with 'sim train' on this scenario, or match observation.k and the world")
        }
        let tables = file.deployable(kind: "tabular")
        return .fixed(global: tables.global, local: tables.local)
    }

    private static func requireModeDispatch(_ reader: ObjectReader, game: TabularGame) throws {
        guard game.globalActions == game.localStates else {
            throw reader.issue("kind", "mode-dispatch needs one global action per local state (|A_g| = |S_l|), this world has \(game.globalActions) and \(game.localStates)",
                               value: .string("mode-dispatch"), hint: "use a tabular global policy")
        }
    }

    private static func localTable(_ reader: inout ObjectReader, game: TabularGame) throws -> LocalPolicyTable {
        guard let value = reader.raw("local") else {
            return .uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
        }
        if case .string = value {
            let rule = try reader.string("local", oneOf: ["random", "follow", "stay"])
            guard let table = namedRule(rule, game: game) else {
                throw reader.issue("local", "follow needs a ring world (|S_g| = |S_l|, actions stay/+1/-1)", value: value)
            }
            return table
        }
        let path = reader.child("local")
        let table = try NumberTable.read(value, path: path, depth: 3, context: reader.context)
        let expected = [game.globalStates, game.localStates, game.localActions]
        guard table.shape == expected else {
            throw reader.issue("local", "expected a table of shape [s_g][s_l][a_l] = \(expected)", value: value)
        }
        try table.checkProbabilityRows(path: path, context: reader.context)
        return LocalPolicyTable(kind: "tabular", globalStates: game.globalStates, localStates: game.localStates,
                                actions: game.localActions, probabilities: table.values)
    }

    /// The named local rules `random`, `follow` (nil unless a ring world) and `stay`.
    static func namedRule(_ name: String, game: TabularGame) -> LocalPolicyTable? {
        switch name {
        case "follow":
            guard game.globalStates == game.localStates, game.localActions == 3 else { return nil }
            return .follow(zones: game.localStates)
        case "stay":
            var p = [Double](repeating: 0, count: game.globalStates * game.localStates * game.localActions)
            for row in stride(from: 0, to: p.count, by: game.localActions) { p[row] = 1 }
            return LocalPolicyTable(kind: "stay", globalStates: game.globalStates, localStates: game.localStates,
                                    actions: game.localActions, probabilities: p)
        default:
            return .uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
        }
    }

    private static func globalTable(_ reader: inout ObjectReader, game: TabularGame, k: Int) throws -> any GlobalPolicy {
        let space = CountVectorSpace(k: k, states: game.localStates)
        guard let value = reader.raw("global") else {
            throw reader.issue("global", "missing required field",
                               hint: "give [s_g][count-vector rank] actions (\(game.globalStates) x \(space.count))")
        }
        let path = reader.child("global")
        let table = try NumberTable.read(value, path: path, depth: 2, context: reader.context)
        guard table.shape == [game.globalStates, space.count] else {
            throw reader.issue("global", "expected a table of shape [s_g][count-vector rank] = [\(game.globalStates), \(space.count)] for k = \(k)", value: value)
        }
        let actions = try table.values.enumerated().map { i, a in
            try ObjectReader.integer(.number(a), path: "\(path)[\(i / space.count)][\(i % space.count)]",
                                     range: 0...(game.globalActions - 1), context: reader.context)
        }
        return TabularGlobalPolicy(space: space, actions: actions)
    }
}
