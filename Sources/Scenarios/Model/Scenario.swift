import Engine

/// A validated scenario file: one experiment.
public struct Scenario: Sendable {
    /// The header fields.
    public let header: ScenarioHeader
    /// The built world with its policies.
    public let world: any World
    /// What to report and trace.
    public let outputs: OutputSpec
    /// Every file the scenario reads: the scenario file itself, then its data, tables and policy files.
    /// Outputs must name none of them.
    public let inputFiles: [String]

    /// `name`.
    public var name: String { header.name }
    /// `seed`.
    public var seed: UInt64 { header.seed }
    /// Policy names in file order.
    public var policyNames: [String] { world.policyNames }
    /// Steps per episode as the world runs them (``World/stepsPerEpisode(horizon:)``).
    public var stepsPerEpisode: Int { world.stepsPerEpisode(horizon: header.horizon) }

    /// Reads, overrides and validates a scenario file.
    /// - Parameters:
    ///   - limits: the memory budget (default: this machine's, see ``ResourceLimits``).
    ///   - selected: the policies about to run (nil: all); only they are checked against `limits`.
    ///   - registry: the world kinds `world.kind` may name (default: the shipped ones).
    /// - Throws: ``ScenarioError`` with file, line, path, value and a fix.
    public static func load(file: String, overrides: [Override] = [], limits: ResourceLimits = .machine,
                            selected: Set<String>? = nil, registry: WorldRegistry = .standard) throws -> Scenario {
        try Scenario(source: ScenarioSource(file: file, overrides: overrides), limits: limits, selected: selected, registry: registry)
    }

    /// Validates a decoded scenario; worlds check what the `selected` policies (nil: all) will allocate
    /// against `limits`. `world.kind` names one of `registry`'s worlds.
    public init(source: ScenarioSource, limits: ResourceLimits = .machine, selected: Set<String>? = nil,
                registry: WorldRegistry = .standard) throws {
        var root = try ObjectReader(source.tree, path: "", context: source.context)
        let name = try root.string("name")
        _ = try root.string("description", default: "")
        let seed = try root.int("seed", default: 1, in: 0...(1 << 53))
        let horizon = try root.int("horizon", default: 50, in: 1...1_000_000_000)
        let episodes = try root.int("episodes", default: 1, in: 1...1_000_000_000)
        let gamma = try root.double("gamma", default: 0.95, in: 0...1)
        var k: Int?
        if var observation = try root.object("observation") {
            k = observation.has("k") ? try observation.int("k", in: 1...Int.max) : nil
            try observation.finish()
        }
        let schedule = try ScheduleSpec.read(try root.object("schedule"))
        var head = ScenarioHeader(name: name, seed: UInt64(seed), horizon: horizon, episodes: episodes, gamma: gamma,
                                  k: k, schedule: schedule, context: source.context, limits: limits, selected: selected)
        head.reportedMetrics = Self.listedMetrics(root)
        header = head
        let horizonGiven = root.has("horizon")
        world = try Self.buildWorld(&root, header: header, registry: registry)
        if horizonGiven && world.episodeLengthField != "horizon" {
            throw root.issue("horizon", "not used by \(world.kind) worlds: an episode is \(world.episodeLengthField)",
                             value: .number(Double(horizon)), hint: "remove horizon and set \(world.episodeLengthField)")
        }
        outputs = try OutputSpec.read(try root.object("outputs"), metrics: world.metricNames,
                                      kinds: world.eventKinds.map(\.name))
        try root.finish()
        inputFiles = Self.inputFiles(tree: source.tree, context: source.context)
    }

    /// The strings of `outputs.metrics`, nil when it is absent or not a list (``OutputSpec`` reports that).
    private static func listedMetrics(_ root: ObjectReader) -> [String]? {
        guard case .object(let outputs)? = root.members.first(where: { $0.key == "outputs" })?.value,
              case .array(let items)? = outputs.first(where: { $0.key == "metrics" })?.value else { return nil }
        return items.compactMap { if case .string(let name) = $0 { return name } else { return nil } }
    }

    private static func buildWorld(_ root: inout ObjectReader, header: ScenarioHeader, registry: WorldRegistry) throws -> any World {
        guard var world = try root.object("world") else {
            throw root.issue("world", "missing required field", hint: "add world: { kind: \"ring-zones\" }")
        }
        let kinds = registry.worlds.map(\.kind)
        let kind = try world.string("kind", oneOf: kinds)
        guard let policies = try root.object("policies") else {
            throw root.issue("policies", "missing required field", hint: "add policies: { baseline: { kind: \"random\" } }")
        }
        guard !policies.members.isEmpty else {
            throw policies.context.issue("policies", "expected at least one policy", hint: "add baseline: { kind: \"random\" }")
        }
        let entries = try policies.members.map { member in
            (name: member.key, reader: try ObjectReader(member.value, path: policies.child(member.key), context: policies.context))
        }
        guard let registration = registry.world(kind) else { throw world.issue("kind", "unknown world kind", value: .string(kind)) }
        let built = try registration.build(&world, entries, header)
        try world.finish()
        return built
    }

    /// Starts a run of `policy` (default: the first) under `seed` (default: the scenario's).
    public func makeSession(policy: String? = nil, seed: UInt64? = nil) throws -> any RunSession {
        try world.makeSession(policy: policy ?? policyNames[0], seed: seed ?? header.seed, metrics: outputs.metrics)
    }

    /// The error for an unknown policy name given on the command line.
    public func unknownPolicy(_ name: String) -> ScenarioError {
        let guess = EditDistance.suggestion(for: name, among: policyNames).map { "did you mean '\($0)'? " } ?? ""
        return .invalid(ScenarioIssue(file: header.context.file, path: "policies", message: "no policy named '\(name)'",
                                      hint: guess + "this scenario has " + policyNames.joined(separator: ", ")))
    }
}
