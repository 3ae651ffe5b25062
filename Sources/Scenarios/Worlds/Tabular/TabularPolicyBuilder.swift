import Agents
import Engine

/// Builds the policies of tabular worlds from `policies.<name>` objects (Sources/Agents/README.md): the
/// global families ``RandomGlobalPolicy``, ``ModeDispatchPolicy``, ``TabularGlobalPolicy`` (explicit
/// tables, or `file:` written by `sim train`) and ``ExternalGlobalPolicy``, each with a `local` rule — a
/// ``NamedLocalRule`` (default `random`), an explicit table `[s_g][s_l][a_l]`, or an external process
/// `{ kind: "external", command: [...] }` that chooses every agent's action — and the learned families
/// of ``TabularLearner``, trained when a run starts.
enum TabularPolicyBuilder {
    /// What reading a tabular policy entry needs from its world.
    struct Context: Sendable {
        let game: TabularGame, k: Int, header: ScenarioHeader, initial: TabularWorldConfig.Initial
    }

    /// Every policy family of the tabular worlds, in listing order.
    static let readers: [PolicyReader<Context, TabularPolicyEntry>] = [
        fixed(RandomGlobalPolicy.family) { _, _, context in RandomGlobalPolicy(actions: context.game.globalActions) },
        fixed(ModeDispatchPolicy.family) { _, reader, context in
            try requireModeDispatch(reader, game: context.game)
            return ModeDispatchPolicy()
        },
        PolicyReader(TabularGlobalPolicy.family) { name, reader, context in
            guard reader.has("file") else {
                return try fixedEntry(name, &reader, context) { _, reader, context in try globalTable(&reader, game: context.game, k: context.k) }
            }
            return TabularPolicyEntry(name: name, source: try fileTables(&reader, game: context.game, k: context.k))
        },
        fixed(ExternalGlobalPolicy.family) { name, reader, _ in ExternalGlobalPolicy(spec: try ExternalPolicySpec.read(name: name, &reader)) },
    ] + TabularLearner.allCases.map(learned)

    /// The families' `(kind, summary)` lines.
    static var kinds: [(kind: String, summary: String)] { PolicyReader.listing(readers) }

    static func build(_ entries: [(name: String, reader: ObjectReader)], game: TabularGame, k: Int,
                      header: ScenarioHeader, initial: TabularWorldConfig.Initial) throws -> [TabularPolicyEntry] {
        let context = Context(game: game, k: k, header: header, initial: initial)
        return try entries.map { try PolicyReader.read(readers, name: $0.name, $0.reader, context: context) }
    }

    /// A fixed global family: its `local` rule is read first, then the global policy by `global`.
    private static func fixed(_ family: PolicyFamily,
                              global: @escaping @Sendable (String, inout ObjectReader, Context) throws -> any GlobalPolicy)
        -> PolicyReader<Context, TabularPolicyEntry> {
        PolicyReader(family) { name, reader, context in try fixedEntry(name, &reader, context, global: global) }
    }

    private static func fixedEntry(_ name: String, _ reader: inout ObjectReader, _ context: Context,
                                   global: (String, inout ObjectReader, Context) throws -> any GlobalPolicy) throws -> TabularPolicyEntry {
        let game = context.game
        let externalLocal = try externalLocalSpec(&reader, name: name)
        let local = externalLocal == nil ? try localTable(&reader, game: game)
            : .uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
        return TabularPolicyEntry(name: name, source: .fixed(global: try global(name, &reader, context), local: local),
                                  externalLocal: externalLocal)
    }

    /// A learned family: trained against the given (default uniform) local rule, or, for
    /// ALTERNATING-MARL, from the uniform rule it then learns.
    private static func learned(_ learner: TabularLearner) -> PolicyReader<Context, TabularPolicyEntry> {
        PolicyReader(learner.family, learner: learner) { name, reader, context in
            let game = context.game, kind = learner.family.kind
            // Looked up without reading it: alternating-marl has no `local` key and must still refuse one.
            if case .object? = reader.members.first(where: { $0.key == "local" })?.value {
                throw reader.issue("local", "\(kind) learns against a built-in local rule; an external local population cannot be planned for",
                                   hint: "use local: " + NamedLocalRule.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                                       + " or a table, or a fixed global policy (" + fixedKinds.joined(separator: ", ") + ")")
            }
            let local = learner.learnsLocalPolicy ? .uniform(for: game) : try localTable(&reader, game: game)
            let rules = [NamedLocalRule.follow, .stay].compactMap { rule in namedRule(rule, game: game).map { (rule.rawValue, $0) } }
            let spec = try TabularLearnerSpec.read(learner: learner, &reader, game: game, k: context.k, header: context.header,
                                                   local: local, initial: context.initial, rules: rules)
            return TabularPolicyEntry(name: name, source: .learned(spec))
        }
    }

    /// The kinds that do not learn.
    private static var fixedKinds: [String] { readers.filter { $0.learner == nil }.map(\.family.kind) }

    /// `local: { kind: "external", command: [...], timeout }`: the spec of the process that chooses every
    /// local agent's action; nil when `local` is a named rule or a table.
    static func externalLocalSpec(_ reader: inout ObjectReader, name: String) throws -> ExternalPolicySpec? {
        guard let value = reader.raw("local"), case .object = value else { return nil }
        var local = try ObjectReader(value, path: reader.child("local"), context: reader.context)
        _ = try local.string("kind", oneOf: [ExternalPolicySpec.family.kind])
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
        let tables = file.deployable(kind: TabularGlobalPolicy.family.kind)
        return .fixed(global: tables.global, local: tables.local)
    }

    private static func requireModeDispatch(_ reader: ObjectReader, game: TabularGame) throws {
        guard game.globalActions == game.localStates else {
            let kind = ModeDispatchPolicy.family.kind
            throw reader.issue("kind", "\(kind) needs one global action per local state (|A_g| = |S_l|), this world has \(game.globalActions) and \(game.localStates)",
                               value: .string(kind), hint: "use a tabular global policy")
        }
    }

    private static func localTable(_ reader: inout ObjectReader, game: TabularGame) throws -> LocalPolicyTable {
        guard let value = reader.raw("local") else {
            return .uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
        }
        if case .string = value {
            let name = try reader.string("local", oneOf: NamedLocalRule.allCases.map(\.rawValue))
            guard let rule = NamedLocalRule(rawValue: name), let table = namedRule(rule, game: game) else {
                throw reader.issue("local", "\(name) needs a ring world (|S_g| = |S_l|, actions stay/+1/-1)", value: value)
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
        return LocalPolicyTable(kind: TabularGlobalPolicy.family.kind, globalStates: game.globalStates, localStates: game.localStates,
                                actions: game.localActions, probabilities: table.values)
    }

    /// The table of a named local rule; nil for `follow` outside a ring world.
    static func namedRule(_ rule: NamedLocalRule, game: TabularGame) -> LocalPolicyTable? {
        switch rule {
        case .follow:
            guard game.globalStates == game.localStates, game.localActions == 3 else { return nil }
            return .follow(zones: game.localStates)
        case .stay:
            return .stay(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
        case .random:
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
