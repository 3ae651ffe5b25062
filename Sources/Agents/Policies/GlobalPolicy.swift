import Engine

/// The global agent's decision rule in a tabular world: an action from its own state and the count
/// vector of the k sampled local states.
public protocol GlobalPolicy: Sendable {
    /// The policy's registry name (`random`, `mode-dispatch`, `tabular`, …).
    var kind: String { get }
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
    /// Episode `episode` starts (before its first decision).
    func episodeStarted(_ episode: Int) throws
    /// The team reward of population step `step`, right after the step.
    func observe(reward: Double, step: Int) throws
    /// The run is over: an external policy is told so and its process reaped.
    func finishRun()
}

extension GlobalPolicy {
    public func startRun(_ run: PolicyRun) throws -> any GlobalPolicy { self }
    public func decide(globalState: Int, counts: [Int], step: Int, random: inout CounterRandom) throws -> Int {
        action(globalState: globalState, counts: counts, random: &random)
    }
    public func episodeStarted(_ episode: Int) throws {}
    public func observe(reward: Double, step: Int) throws {}
    public func finishRun() {}
}

/// Uniform global actions (baseline).
public struct RandomGlobalPolicy: GlobalPolicy {
    /// |A_g|.
    public let actions: Int
    public init(actions: Int) { self.actions = actions }
    public var kind: String { "random" }
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        random.int(below: actions)
    }
}

/// The global action is the local state holding most of the k sampled agents; ties go to the lowest
/// index. Requires |A_g| = |S_l| (ring-zones).
public struct ModeDispatchPolicy: GlobalPolicy {
    public init() {}
    public var kind: String { "mode-dispatch" }
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        Self.mode(of: counts)
    }

    /// Index of the largest count, lowest index on ties.
    public static func mode(of counts: [Int]) -> Int {
        var best = 0
        for j in counts.indices where counts[j] > counts[best] { best = j }
        return best
    }
}

/// An explicit deterministic table `[s_g][rank(counts)] -> a_g` over the count vectors of k agents
/// (ranked by ``CountVectorSpace``), given in a scenario or written by `sim train`.
public struct TabularGlobalPolicy: GlobalPolicy {
    /// The count-vector space the table is indexed by.
    public let space: CountVectorSpace
    /// Actions, flat `[s_g][rank]`.
    public let actions: [Int]

    /// - Precondition: `actions.count` is a multiple of `space.count`.
    public init(space: CountVectorSpace, actions: [Int]) {
        precondition(actions.count % max(space.count, 1) == 0, "global table size")
        self.space = space
        self.actions = actions
    }

    public var kind: String { "tabular" }
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        actions[globalState * space.count + space.rank(counts)]
    }
}
