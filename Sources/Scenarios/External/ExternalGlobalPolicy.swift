import Agents
import Engine

/// The global agent's decisions made by an external process (`kind: "external"`, `role: "global"`).
///
/// The scenario holds this launcher; every run (one seed) starts its own process through
/// ``startRun(_:)``, which says hello and returns the ``ExternalGlobalPolicyRun`` that the world asks.
public struct ExternalGlobalPolicy: GlobalPolicy {
    /// The command, its folder, role and timeout.
    public let spec: ExternalPolicySpec

    public init(spec: ExternalPolicySpec) { self.spec = spec }

    public var kind: String { "external" }

    /// A launcher makes no decision itself; runs ask the policy ``startRun(_:)`` returns. Answers 0.
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int { 0 }

    public func startRun(_ run: PolicyRun) throws -> any GlobalPolicy {
        try ExternalGlobalPolicyRun(spec: spec, run: run)
    }
}

/// One run's connection to the external process: each decision is one `act` message and one answer;
/// episode starts and rewards are sent without waiting. Every failure — the process cannot start,
/// exits early, answers a malformed line, the wrong protocol version or an action out of range, or does
/// not answer within `timeout` — is an ``ExternalPolicyError`` naming the policy, the message number and
/// the cause, and the process is stopped and reaped.
public final class ExternalGlobalPolicyRun: GlobalPolicy, @unchecked Sendable {
    private let spec: ExternalPolicySpec
    private let run: PolicyRun
    private let process: ExternalProcess
    /// Messages sent so far (the hello is message 1).
    public private(set) var messages = 0

    init(spec: ExternalPolicySpec, run: PolicyRun) throws {
        self.spec = spec
        self.run = run
        process = try ExternalProcess(name: spec.name, command: spec.command, directory: spec.directory)
        let line = try exchange(ExternalProtocol.hello(policy: spec.name, role: spec.role, run: run), answer: true)!
        try guarded {
            let members = try ExternalProtocol.object(line)
            guard case .string("ready")? = members.first(where: { $0.key == "type" })?.value else {
                throw ExternalProcessFailure("expected {\"type\": \"ready\", \"version\": \(ExternalProtocol.version)}, got " + ExternalProtocol.excerpt(line))
            }
            guard case .number(let version)? = members.first(where: { $0.key == "version" })?.value,
                  version == Double(ExternalProtocol.version) else {
                let found = members.first(where: { $0.key == "version" }).map { $0.value.rendered(indent: 0) } ?? "none"
                throw ExternalProcessFailure("wrong protocol version: the simulator speaks \(ExternalProtocol.version), the process answered \(found)")
            }
        }
    }

    deinit { process.stop(grace: 0) }

    public var kind: String { "external" }

    /// Not used by runs, which call ``decide(globalState:counts:step:random:)``; answers 0 on failure.
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        (try? decide(globalState: globalState, counts: counts, step: -1, random: &random)) ?? 0
    }

    public func decide(globalState: Int, counts: [Int], step: Int, random: inout CounterRandom) throws -> Int {
        let line = try exchange(ExternalProtocol.act(step: step, globalState: globalState, counts: counts), answer: true)!
        return try guarded {
            try ExternalProtocol.integer(try ExternalProtocol.object(line), "action", in: 0...(run.globalActions - 1), line: line)
        }
    }

    public func episodeStarted(_ episode: Int) throws {
        _ = try exchange(ExternalProtocol.episode(episode), answer: false)
    }

    public func observe(reward: Double, step: Int) throws {
        _ = try exchange(ExternalProtocol.reward(step: step, reward: reward), answer: false)
    }

    /// Sends `end` and gives the process `timeout` seconds to exit before ending it.
    public func finishRun() {
        _ = try? exchange(ExternalProtocol.end, answer: false, flush: true)
        process.stop(grace: spec.timeout)
    }

    /// Sends one message and, when `answer`, reads the reply; failures name the message. Messages that
    /// need no answer are written together with the next one that does (or with `end`).
    private func exchange(_ message: String, answer: Bool, flush: Bool = false) throws -> String? {
        messages += 1
        return try guarded {
            try process.send(message, flush: answer || flush)
            return answer ? try process.receive(timeout: spec.timeout) : nil
        }
    }

    /// Runs `body`, turning a process failure into an ``ExternalPolicyError`` for the current message and
    /// stopping the process.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as ExternalProcessFailure {
            process.stop(grace: 0)
            throw ExternalPolicyError(policy: spec.name, message: messages, cause: failure.cause)
        }
    }
}
