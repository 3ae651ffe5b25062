import Engine

/// A world built from a scenario, with its policies validated, ready to start runs: the one type a
/// world kind provides to the scenario loader and to every `sim` command.
///
/// The first group of requirements is what every world must say. The others are optional abilities,
/// each with a default implementation that declares the ability absent, so a command asks the
/// world instead of testing its type:
///
/// - episode length: ``episodeLengthField`` and ``stepsPerEpisode(horizon:)`` (default: the
///   top-level `horizon`);
/// - trainable policies: ``trainablePolicyNames``, ``isLearned(_:)``, ``train(policy:progress:)``,
///   ``trainingLog(policy:)``, and retraining per seed (``retrainablePolicyNames``,
///   ``retrainedSession(policy:seed:metrics:)``) for `--retrain` (default: none);
/// - exploitability: ``exploitabilityMetricNames``, ``checkExploitability(policy:)``,
///   ``exploitability(policy:seeds:settings:)`` and
///   ``preparedExploitability(policy:allSeeds:settings:)`` (default: refused, with
///   ``exploitabilityUnavailable`` as the reason);
/// - checkpoints: declared by the sessions a world makes (``RunSession/checkpointRefusal``), because a
///   world that can be checkpointed may still refuse one run (a policy living in another process).
///
/// A world kind registers a ``WorldRegistration`` that builds it; ``WorldRegistry/standard`` lists them.
public protocol World: Sendable {
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
    /// Steps (ticks) per episode as the world runs them, given the scenario's `horizon`; by default
    /// `horizon` itself.
    func stepsPerEpisode(horizon: Int) -> Int

    /// The names of the policies `sim train` can train, in file order (default: none).
    var trainablePolicyNames: [String] { get }
    /// Whether `policy` is trained rather than given (default: it is one of ``trainablePolicyNames``).
    func isLearned(_ policy: String) -> Bool
    /// Trains the learned policy `policy` (`sim train`); `progress` receives each log line.
    /// - Throws: ``ScenarioError`` when the name is unknown or not a learned kind; ``WorldRefusal``
    ///   when the world has no learned policies at all (the default).
    func train(policy: String, progress: (String) -> Void) throws -> TrainedPolicyFile
    /// The training log of learned policy `policy` once a session has trained it, nil before and for
    /// worlds that keep none (the default); `sim run` prints it to stderr.
    func trainingLog(policy: String) -> [String]?
    /// The policies `--retrain` can train anew for every evaluation seed (default: none).
    var retrainablePolicyNames: [String] { get }
    /// A session of `policy` on `seed` whose learned policy is trained anew under a seed derived from
    /// `seed`, with that training seed; policies that are not retrained run as usual (training seed nil),
    /// which is the default for every policy.
    func retrainedSession(policy: String, seed: UInt64, metrics: [String]?) throws -> (session: any RunSession, trainingSeed: UInt64?)

    /// Why this world has no exploitability measurement (used by the default refusals).
    var exploitabilityUnavailable: String { get }
    /// The names of the per-seed values `sim sweep --exploitability` records (default: none).
    var exploitabilityMetricNames: [String] { get }
    /// Refuses, before any run, a policy whose exploitability this world cannot measure.
    /// - Throws: ``WorldRefusal`` (the default) or ``ScenarioError`` naming why.
    func checkExploitability(policy: String) throws
    /// Measures the exploitability of `policy` on `seeds` (`sim exploitability`).
    /// - Throws: ``WorldRefusal`` when the world cannot measure it or `settings` tunes what it does not
    ///   have; ``ScenarioError`` for an unknown or unmeasurable policy; what a run throws.
    func exploitability(policy: String, seeds: [UInt64], settings: ExploitabilitySettings) throws -> any ExploitabilityReport
    /// A measurement of `policy` prepared for evaluating the seeds of a sweep one at a time; whatever it
    /// computes once must not depend on which of `allSeeds` a shard evaluates.
    func preparedExploitability(policy: String, allSeeds: [UInt64],
                                settings: ExploitabilitySettings) throws -> any PreparedExploitability
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

/// Why a world cannot do what a command asked of it (`sim train` in a world without learned policies,
/// `sim exploitability` where no best response is defined). `sim` reports it as a usage error (exit 2).
public struct WorldRefusal: Error, Equatable, CustomStringConvertible {
    /// The one-line reason, naming the world and what to do instead.
    public let description: String

    /// A refusal that reads `description`.
    public init(_ description: String) { self.description = description }
}
