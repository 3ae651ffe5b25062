import Agents
import Engine

/// The global agent's decisions made by an external process (`kind: "external"`, `role: "global"`).
///
/// The scenario holds this launcher; every run (one seed) starts its own process through
/// ``startRun(_:)``, which says hello and returns the ``ExternalGlobalPolicyRun`` that the world asks.
public struct ExternalGlobalPolicy: GlobalPolicy, DescribedPolicy {
    public static var family: PolicyFamily { ExternalPolicySpec.family }
    /// The command, its folder, role and timeout.
    public let spec: ExternalPolicySpec

    public init(spec: ExternalPolicySpec) { self.spec = spec }

    public var runsOutOfProcess: Bool { true }

    /// A launcher makes no decision itself; runs ask the policy ``startRun(_:)`` returns. Answers 0.
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int { 0 }

    public func startRun(_ run: PolicyRun) throws -> any GlobalPolicy {
        try ExternalGlobalPolicyRun(spec: spec, run: run)
    }
}

/// One run's connection to the external process (``ExternalConnection``): each decision is one `act`
/// message and one answer; episode starts and rewards are sent without waiting.
public final class ExternalGlobalPolicyRun: GlobalPolicy {
    private let run: PolicyRun
    private let connection: ExternalConnection
    /// Messages sent so far (the hello is message 1).
    public var messages: Int { connection.messages }

    init(spec: ExternalPolicySpec, run: PolicyRun) throws {
        self.run = run
        connection = try ExternalConnection(spec: spec, hello: ExternalProtocol.hello(policy: spec.name, role: spec.role, run: run))
    }

    public var kind: String { ExternalPolicySpec.family.kind }
    public var runsOutOfProcess: Bool { true }

    /// Not used by runs, which call ``decide(globalState:counts:step:random:)``; answers 0 on failure.
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        (try? decide(globalState: globalState, counts: counts, step: -1, random: &random)) ?? 0
    }

    public func decide(globalState: Int, counts: [Int], step: Int, random: inout CounterRandom) throws -> Int {
        try connection.request(ExternalProtocol.act(step: step, globalState: globalState, counts: counts)) { members, line in
            try ExternalProtocol.integer(members, "action", in: 0...(run.globalActions - 1), line: line)
        }
    }

    public func episodeStarted(_ episode: Int) throws { try connection.send(ExternalProtocol.episode(episode)) }

    public func observe(reward: Double, step: Int) throws {
        try connection.send(ExternalProtocol.reward(step: step, reward: reward))
    }

    public func finishRun() { connection.finish() }
}
