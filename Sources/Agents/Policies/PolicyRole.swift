/// What every policy tells a run, whatever its role (global agent, local agents, federated server):
/// its kind and the run's lifecycle. The roles refine it: ``GlobalPolicy``, ``LocalPolicy`` and
/// ``FedOptPolicy``.
///
/// Built-in policies are pure functions of their inputs and keep the default hooks; a policy that
/// lives outside the simulator (a process spoken to over pipes) is told when episodes start, what
/// each step earned, and when the run ends.
public protocol PolicyRole: Sendable {
    /// The policy's kind, as scenario files and `sim list policies` name it (its family's
    /// ``PolicyFamily/kind``).
    var kind: String { get }
    /// Episode `episode` starts (before its first decision).
    func episodeStarted(_ episode: Int) throws
    /// The team reward of population step `step`, right after the step.
    func observe(reward: Double, step: Int) throws
    /// The run is over: an external policy is told so and its process reaped.
    func finishRun()
    /// Whether the policy keeps state in another process, which no checkpoint can hold. Default false.
    var runsOutOfProcess: Bool { get }
}

extension PolicyRole {
    public func episodeStarted(_ episode: Int) throws {}
    public func observe(reward: Double, step: Int) throws {}
    public func finishRun() {}
    public var runsOutOfProcess: Bool { false }
}

extension PolicyRole {
    /// Why a run with this policy cannot be checkpointed, nil when it can.
    public var checkpointRefusal: String? {
        runsOutOfProcess ? "policy kind '\(kind)' runs in its own process, whose state a checkpoint cannot hold" : nil
    }
}
