import Engine

/// The world-independent fields of a scenario, handed to world builders.
public struct ScenarioHeader: Sendable {
    /// `name`.
    public var name: String
    /// `seed` (base seed; `--seed` overrides).
    public var seed: UInt64
    /// `horizon`: steps per episode.
    public var horizon: Int
    /// `episodes`.
    public var episodes: Int
    /// `gamma`: discount factor.
    public var gamma: Double
    /// `observation.k`, when given.
    public var k: Int?
    /// `schedule`: the scenario's schedules, in file order (worlds merge them with their defaults).
    public var schedule: [(kind: EventKind, schedule: Schedule)]
    /// File and lines, for errors about these fields.
    public var context: ConfigContext
    /// The memory budget worlds check their estimate against before allocating anything.
    public var limits: ResourceLimits = .machine
    /// The policies about to run (`--policy`, `--policies`), nil for all of them. Resource limits and the
    /// constraints of training apply to these only: a policy that is not run allocates and trains nothing.
    public var selected: Set<String>?
    /// The names listed in `outputs.metrics` (read ahead of the world, before they are validated), nil
    /// when the scenario reports every metric. Worlds leave out the work and memory of metrics nobody
    /// reports when they estimate a run.
    public var reportedMetrics: [String]?

    /// Whether policy `name` is about to run.
    public func isSelected(_ name: String) -> Bool { selected?.contains(name) ?? true }

    /// The policy name of a `policies.<name>` reader path.
    public static func policyName(path: String) -> String {
        path.hasPrefix("policies.") ? String(path.dropFirst("policies.".count)) : path
    }
}
