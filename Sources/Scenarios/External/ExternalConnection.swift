import Agents
import Engine

/// One run's connection to an external policy process (``ExternalProtocol``): it starts the process,
/// exchanges `hello` and `ready`, then sends messages — those that need no answer are written together
/// with the next one that does (or with `end`). Every failure — the process cannot start, exits early,
/// answers a malformed line, the wrong protocol version or an action out of range, or does not answer
/// within `timeout` — is an ``ExternalPolicyError`` naming the policy, the message number and the cause,
/// and the process is stopped and reaped.
// Safe to send: one run owns it and uses it from one thread at a time (its message counter is not shared).
final class ExternalConnection: @unchecked Sendable {
    let spec: ExternalPolicySpec
    private let process: ExternalProcess
    /// Messages sent so far (the hello is message 1).
    private(set) var messages = 0

    /// Starts the process and says `hello`.
    init(spec: ExternalPolicySpec, hello: String) throws {
        self.spec = spec
        process = try ExternalProcess(name: spec.name, command: spec.command, directory: spec.directory, timeout: spec.timeout)
        _ = try request(hello) { members, line in
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

    /// Sends `message`, reads the answer, and hands its members (and the line, for messages) to `read`.
    func request<T>(_ message: String, _ read: ([JSONValue.Member], String) throws -> T) throws -> T {
        try request(message) { line in try read(try ExternalProtocol.object(line), line) }
    }

    /// Sends `message`, reads the answer line and hands it to `read`.
    func request<T>(_ message: String, _ read: (String) throws -> T) throws -> T {
        messages += 1
        return try guarded {
            try process.send(message, flush: true)
            return try read(try process.receive(timeout: spec.timeout))
        }
    }

    /// Sends `message`, which needs no answer (written with the next message that does).
    func send(_ message: String) throws {
        messages += 1
        try guarded { try process.send(message, flush: false) }
    }

    /// Sends `end` and gives the process `timeout` seconds to exit before ending it.
    func finish() {
        messages += 1
        _ = try? guarded { try process.send(ExternalProtocol.end, flush: true) }
        process.stop(grace: spec.timeout)
    }

    /// Runs `body`, turning a process failure into an ``ExternalPolicyError`` for the current message and
    /// stopping the process.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as ExternalProcessFailure {
            process.stop(grace: 0)
            // A process that died of the same signal as the simulator (a scheduler signals the whole job) is an interrupt too.
            throw ExternalPolicyError(policy: spec.name, message: messages, cause: failure.cause,
                                      interrupted: failure.interrupted || StopRequest.isRequested)
        }
    }
}
