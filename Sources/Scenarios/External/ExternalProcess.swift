import Engine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process spoken to in JSON Lines: lines go to its standard input, answers come back from its
/// standard output, one per line, each within a deadline. Its standard error is passed through to ours,
/// every line prefixed with `[name]`. Stopping it (or releasing this object) closes its input, gives it
/// a moment to exit, then ends it with SIGTERM and SIGKILL, and reaps it: no child outlives a run.
///
/// The child runs in its own process group, so a Ctrl-C at the terminal or a SIGTERM sent to the
/// simulator does not reach it directly: while an answer is awaited the simulator's ``StopRequest`` is
/// checked every ``stopCheckInterval`` seconds, and a stop fails the wait as interrupted, which stops
/// (SIGTERM, then SIGKILL) and reaps the child. Writing is bounded the same way: our end of its input
/// does not block, so a child that stops reading (a full pipe) fails the run after `timeout` seconds,
/// or at once on a stop request, rather than hanging it.
// Safe to send: its mutable state is used by one run at a time; the stderr thread captures only its own pipe and group.
final class ExternalProcess: @unchecked Sendable {
    /// The policy's name, for messages and the standard-error prefix.
    let name: String
    private let process: Process
    /// Our ends of its standard input and output (the handles own the descriptors and close them once).
    private let input: FileHandle, output: FileHandle
    private var inputFD: Int32 { input.fileDescriptor }
    private var outputFD: Int32 { output.fileDescriptor }
    private var pending: [UInt8] = []
    /// How much of ``pending`` is known to hold no newline: a long answer arrives in many reads, and
    /// rescanning it from the start after each one made reading it quadratic.
    private var scanned = 0
    /// Lines queued by ``send(_:flush:)`` and not yet written: messages that need no answer wait for the
    /// next one that does, so a decision costs one write however many notices precede it.
    private var outgoing: [UInt8] = []
    private var stopped = false
    /// Seconds a write may wait for the process to read its input.
    private let timeout: Double
    private let forwarder = DispatchGroup()
    /// The longest answer accepted (a population's actions for 10^7 agents fit easily).
    static let maximumLine = 256 << 20
    /// The longest wait for an answer between two checks of ``StopRequest``.
    static let stopCheckInterval = 0.05

    /// Starts `command` in `directory`; a write waits at most `timeout` seconds for it to read.
    /// - Throws: ``ExternalPolicyError`` when the program cannot be found or started.
    init(name: String, command: [String], directory: String, timeout: Double = .infinity) throws {
        self.name = name
        self.timeout = timeout
        // A child that dies while we write must give an error (EPIPE), not kill the simulator (SIGPIPE).
        signal(SIGPIPE, SIG_IGN)
        guard let program = Self.locate(command[0], directory: directory) else {
            throw ExternalPolicyError(policy: name, message: 0, cause: "cannot start: '\(command[0])' is not "
                                      + (command[0].contains("/") ? "an executable file" : "on PATH"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw ExternalPolicyError(policy: name, message: 0, cause: "cannot start '\(program)': \(error.localizedDescription)")
        }
        self.process = process
        self.input = input.fileHandleForWriting
        self.output = output.fileHandleForReading
        // Only our end: the child's end of the pipe keeps blocking reads.
        _ = fcntl(self.input.fileDescriptor, F_SETFL, fcntl(self.input.fileDescriptor, F_GETFL) | O_NONBLOCK)
        let errorHandle = errors.fileHandleForReading
        let prefix = "[\(name)] "
        forwarder.enter()
        Thread.detachNewThread { [forwarder] in
            Self.forward(errorHandle.fileDescriptor, prefix: prefix)
            try? errorHandle.close()
            forwarder.leave()
        }
    }

    deinit { stop(grace: 0) }

    /// Queues one line (a newline is added) and, when `flush`, writes every queued line, waiting at
    /// most the timeout for the process to read them.
    /// - Throws: ``ExternalProcessFailure`` when the write fails or times out, or on a stop request
    ///   while it waits (the caller names the message).
    func send(_ line: String, flush: Bool) throws {
        outgoing.append(contentsOf: line.utf8)
        outgoing.append(UInt8(ascii: "\n"))
        guard flush else { return }
        var offset = 0
        defer { outgoing.removeAll(keepingCapacity: true) }
        let deadline = Date().addingTimeInterval(timeout)
        while offset < outgoing.count {
            let written = outgoing[offset...].withUnsafeBytes { write(inputFD, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    guard !StopRequest.isRequested else { throw ExternalProcessFailure.interrupted }
                    let left = deadline.timeIntervalSinceNow
                    guard left > 0 else { throw ExternalProcessFailure("the process did not read its input within \(Self.seconds(timeout))") }
                    var poller = pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, Int32((min(left, Self.stopCheckInterval) * 1000).rounded(.up)))
                    continue
                }
                throw ExternalProcessFailure(errno == EPIPE ? "the process closed its input" + exitNote : String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Reads one line (without its newline), waiting at most `timeout` seconds.
    /// - Throws: ``ExternalProcessFailure`` on a timeout, an early end of output, an over-long line or
    ///   a stop request (Ctrl-C, SIGTERM) while waiting.
    func receive(timeout: Double) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = pending[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                scanned = 0
                return line
            }
            scanned = pending.count
            guard pending.count <= Self.maximumLine else { throw ExternalProcessFailure("an answer longer than \(Self.maximumLine) bytes") }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw ExternalProcessFailure("no answer within \(Self.seconds(timeout))") }
            guard !StopRequest.isRequested else { throw ExternalProcessFailure.interrupted }
            var poller = pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32((min(left, Self.stopCheckInterval) * 1000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw ExternalProcessFailure("the process ended its output before answering" + exitNote)
            }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    /// Closes the process's input, waits up to `grace` seconds for it to exit, then ends it (SIGTERM,
    /// then SIGKILL) and reaps it. Returns its exit status when it exited by itself in time.
    @discardableResult
    func stop(grace: Double) -> Int32? {
        guard !stopped else { return nil }
        stopped = true
        try? input.close()
        let exited = waitForExit(seconds: grace)
        if !exited {
            process.terminate()
            if !waitForExit(seconds: 0.5) { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? output.close()
        forwarder.wait()
        return exited && process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// ", and it exited with status N" once the process is gone (it may take a moment to be reaped).
    private var exitNote: String {
        _ = waitForExit(seconds: 0.2)
        guard !process.isRunning else { return "" }
        switch process.terminationReason {
        case .exit: return " (it exited with status \(process.terminationStatus))"
        default: return " (it was killed by signal \(process.terminationStatus))"
        }
    }

    private func waitForExit(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() >= deadline { return false }
            usleep(2_000)
        }
        return true
    }

    /// Copies `fd` to our standard error line by line, each line prefixed, until end of file.
    private static func forward(_ fd: Int32, prefix: String) {
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        func flush() {
            let text = Array(prefix.utf8) + line + [UInt8(ascii: "\n")]
            _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            line.removeAll(keepingCapacity: true)
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            for byte in chunk[..<count] {
                if byte == UInt8(ascii: "\n") { flush() } else { line.append(byte) }
            }
        }
        if !line.isEmpty { flush() }
    }

    /// The program to run: `word` resolved against `directory` when it contains a `/`, else the first
    /// executable of that name on `PATH`.
    static func locate(_ word: String, directory: String) -> String? {
        if word.contains("/") {
            let path = word.hasPrefix("/") ? word : directory + "/" + word
            return access(path, X_OK) == 0 ? path : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + word
            var info = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { return candidate }
        }
        return nil
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// A low-level failure of ``ExternalProcess``; the policy turns it into an ``ExternalPolicyError``.
struct ExternalProcessFailure: Error {
    let cause: String
    /// Whether the simulator was asked to stop (Ctrl-C, SIGTERM) while it waited.
    let interrupted: Bool
    init(_ cause: String, interrupted: Bool = false) {
        self.cause = cause
        self.interrupted = interrupted
    }

    /// The wait for an answer was cut short by a stop request.
    static let interrupted = ExternalProcessFailure("stopped while waiting for an answer (the simulator was interrupted)", interrupted: true)
}

/// Why a run with an external policy failed: one line naming the policy, the message and the cause.
public struct ExternalPolicyError: Error, CustomStringConvertible, Equatable {
    /// The policy's name in the scenario.
    public let policy: String
    /// The number of the message being answered (1 = hello), 0 before the first.
    public let message: Int
    /// What went wrong.
    public let cause: String
    /// Whether the failure is the simulator's own stop (Ctrl-C, SIGTERM) rather than the process's
    /// fault: `sim` then stops as after any interrupt (exit 130 or 143).
    public let interrupted: Bool

    public init(policy: String, message: Int, cause: String, interrupted: Bool = false) {
        self.policy = policy
        self.message = message
        self.cause = cause
        self.interrupted = interrupted
    }

    public var description: String {
        "external policy '\(policy)'" + (message > 0 ? ", message \(message)" : "") + ": " + cause
    }
}
