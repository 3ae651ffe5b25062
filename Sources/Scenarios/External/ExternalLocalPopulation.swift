import Agents
import Engine

/// Every local agent's action chosen by an external process (`local: { kind: "external", command: [...] }`
/// in a tabular policy entry, `role: "local"`): one `act` message per tick carries s_g and every agent's
/// local state, and one answer carries every agent's action, so a population of 10^5 agents costs one
/// round trip per tick. Episode starts and rewards are sent without waiting, as for the global role.
/// An answer of the wrong length, or with an action outside 0 … |A_l| − 1, fails the run naming the
/// message and the first bad entry.
public final class ExternalLocalPopulation: LocalPolicy {
    private let run: PolicyRun
    private let connection: ExternalConnection
    /// Messages sent so far (the hello is message 1).
    public var messages: Int { connection.messages }

    /// Starts the process for one run and says hello.
    public init(spec: ExternalPolicySpec, run: PolicyRun) throws {
        self.run = run
        connection = try ExternalConnection(spec: spec, hello: ExternalProtocol.hello(policy: spec.name, role: "local", run: run))
    }

    public var kind: String { ExternalPolicySpec.family.kind }
    public var runsOutOfProcess: Bool { true }

    /// Every agent's action from one `act` message; the process draws its own randomness (`stream` is unused).
    public func actions(states: [UInt8], globalState: Int, step: Int, stream: RandomStream) throws -> [UInt8] {
        try connection.request(ExternalProtocol.act(step: step, globalState: globalState, states: states)) { line in
            try Self.actions(answer: line, count: states.count, limit: run.localActions)
        }
    }

    /// The `count` actions, each in 0 … `limit` − 1, of a population's answer `line`.
    /// - Throws: ``ExternalProcessFailure`` naming the first problem (malformed, wrong length, out of range).
    static func actions(answer line: String, count: Int, limit: Int) throws -> [UInt8] {
        if let actions = ExternalProtocol.plainActions(line, count: count, limit: limit) { return actions }
        let members = try ExternalProtocol.object(line)
        guard case .array(let values)? = members.first(where: { $0.key == "actions" })?.value else {
            throw ExternalProcessFailure("malformed answer (expected \"actions\": a list of whole numbers): " + ExternalProtocol.excerpt(line))
        }
        guard values.count == count else {
            throw ExternalProcessFailure("expected \(count) actions, one per agent, got \(values.count)")
        }
        var actions = [UInt8](repeating: 0, count: values.count)
        for (i, value) in values.enumerated() {
            guard case .number(let number) = value, let action = Int(exactly: number) else {
                throw ExternalProcessFailure("malformed answer: actions[\(i)] is not a whole number")
            }
            guard (0..<limit).contains(action) else {
                throw ExternalProcessFailure("actions[\(i)] = \(action) is out of range 0…\(limit - 1)")
            }
            actions[i] = UInt8(action)
        }
        return actions
    }

    public func episodeStarted(_ episode: Int) throws { try connection.send(ExternalProtocol.episode(episode)) }

    public func observe(reward: Double, step: Int) throws {
        try connection.send(ExternalProtocol.reward(step: step, reward: reward))
    }

    public func finishRun() { connection.finish() }
}
