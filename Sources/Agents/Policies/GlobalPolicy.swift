import Engine

/// The global role: the global agent's decision rule, an action from its own state and the count
/// vector of the k sampled local states (Anand & Karmarkar 2026, π_g(a_g | s_g, counts)). Every world
/// with a global agent — the tabular worlds, the robots (on binned states) and, through
/// ``TabularFedOptPolicy``, the federated server — asks one of these.
public protocol GlobalPolicy: PolicyRole {
    /// a_g for global state `globalState` and `counts` (length |S_l|, summing to k).
    /// `random` is the policy stream's cell for this decision.
    func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int

    // The hooks below let a run drive a policy that lives outside the simulator (`external`, a process
    // spoken to over pipes). Built-in policies are pure functions of their inputs and keep the defaults.

    /// The policy for one run (one seed): built-in policies return themselves; an external one starts
    /// its process and says hello.
    func startRun(_ run: PolicyRun) throws -> any GlobalPolicy
    /// a_g at decision `step` (the count of decisions so far in the run), or an error when the policy
    /// cannot answer. Defaults to ``action(globalState:counts:random:)``.
    func decide(globalState: Int, counts: [Int], step: Int, random: inout CounterRandom) throws -> Int
    /// Whether the policy sees the whole population's histogram (summing to n) in place of the counts
    /// of its k-sample. Default false; a full-information best response sets it.
    var observesPopulation: Bool { get }
    /// a_g at decision `step` of the run and step `episodeStep` (0-based) of the running episode; what
    /// the world calls. Defaults to ``decide(globalState:counts:step:random:)``; finite-horizon best
    /// responses, which are time-dependent, override it.
    func decide(globalState: Int, counts: [Int], step: Int, episodeStep: Int, random: inout CounterRandom) throws -> Int
}

extension GlobalPolicy {
    public func startRun(_ run: PolicyRun) throws -> any GlobalPolicy { self }
    public func decide(globalState: Int, counts: [Int], step: Int, random: inout CounterRandom) throws -> Int {
        action(globalState: globalState, counts: counts, random: &random)
    }
    public var observesPopulation: Bool { false }
    public func decide(globalState: Int, counts: [Int], step: Int, episodeStep: Int, random: inout CounterRandom) throws -> Int {
        try decide(globalState: globalState, counts: counts, step: step, random: &random)
    }
}
