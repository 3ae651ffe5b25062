import Engine

/// A world built from a scenario, with its policies validated, ready to start runs.
public protocol ScenarioWorld: Sendable {
    /// The world kind (`ring-zones`, …).
    var kind: String { get }
    /// The scenario's policy names, in file order.
    var policyNames: [String] { get }
    /// The metrics this world reports, in report order.
    var metricNames: [String] { get }
    /// The event kinds its runs dispatch (for trace filters and `sim step`'s `break`).
    var eventKinds: [EventKind] { get }
    /// The per-step series its runs record (`sim run --plot-series`), known before any run; nil when
    /// the world cannot tell before a run (the choice is then checked after it).
    var seriesNames: [String]? { get }
    /// Starts a run of `policy` under `seed`.
    /// - Throws: ``ScenarioError`` when the policy name is unknown.
    func makeSession(policy: String, seed: UInt64, metrics: [String]?) throws -> any RunSession
    /// What one unit of simulated time is in this world, for axis labels: "step" (the default),
    /// "round" or "simulated time" (event-driven worlds whose steps take random time).
    var stepUnit: String { get }
    /// What the x values of a per-step series (``RunOutcome/series``) count. By default the run's
    /// clock, in ``stepUnit``.
    func seriesAxis(_ series: String) -> SeriesAxis
    /// The field that sets an episode's length: the top-level `horizon` (the default), or a world field
    /// such as `world.rounds`. A scenario that sets `horizon` in a world that does not read it is refused,
    /// so `--set horizon=5` never silently runs a full-length episode.
    var episodeLengthField: String { get }
}

/// The x values of a per-step series: the run's clock (episode e covers [e·L, (e+1)·L)), or a count
/// that starts again in every episode (such as the aggregation round of a federated run).
public struct SeriesAxis: Sendable, Equatable {
    /// What x counts: "step", "round", "simulated time".
    public let unit: String
    /// Whether x starts again at every episode instead of following the run's clock.
    public let restartsEachEpisode: Bool

    public init(unit: String, restartsEachEpisode: Bool) {
        self.unit = unit
        self.restartsEachEpisode = restartsEachEpisode
    }
}

extension ScenarioWorld {
    public var stepUnit: String { "step" }

    public var episodeLengthField: String { "horizon" }

    public func seriesAxis(_ series: String) -> SeriesAxis { SeriesAxis(unit: stepUnit, restartsEachEpisode: false) }
}

extension ScenarioWorld {
    public var seriesNames: [String]? { nil }
}

/// How a world kind is built and described (`sim list worlds|policies`).
public struct WorldRegistration: Sendable {
    /// The `world.kind` name.
    public let kind: String
    /// One line for `sim list worlds`.
    public let summary: String
    /// `(kind, summary)` of the policies this world accepts.
    public let policies: [(kind: String, summary: String)]
    /// Builds the world from its `world` object and the `policies` entries.
    public let build: @Sendable (_ world: inout ObjectReader, _ policies: [(name: String, reader: ObjectReader)],
                                 _ header: ScenarioHeader) throws -> any ScenarioWorld

    public init(kind: String, summary: String, policies: [(kind: String, summary: String)],
                build: @escaping @Sendable (inout ObjectReader, [(name: String, reader: ObjectReader)], ScenarioHeader) throws -> any ScenarioWorld) {
        self.kind = kind
        self.summary = summary
        self.policies = policies
        self.build = build
    }
}
