import Foundation

/// Runs the built `sim` executable (found as ``SimBinary`` finds it) with extra environment variables,
/// a timeout, or without waiting so a test can signal it (end-to-end fuzz, limits and checkpoint tests).
public struct SimProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Whether the process was ended by a signal (a trap shows as SIGILL or SIGTRAP).
        public let signaled: Bool
    }

    public let executable: URL

    /// nil when the binary has not been built.
    public init?() {
        guard let url = SimBinary.url ?? RepositoryFiles.simExecutable() else { return nil }
        executable = url
    }

    /// Runs `sim arguments…` with extra environment variables and waits at most `timeout` seconds,
    /// then sends SIGTERM, and SIGKILL 10 s later if it is still running (a step that does not poll the
    /// stop request would otherwise hang the test run), and reports status -1.
    public func run(_ arguments: [String], environment extra: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        let process = try start(arguments, environment: extra)
        // Drain both pipes while waiting: a chatty child would block on a full pipe otherwise.
        let collector = Collector()
        let group = DispatchGroup()
        for (pipe, isOut) in [(process.stdout, true), (process.stderr, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.set(data, isOut: isOut)
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let timedOut = process.process.isRunning
        if timedOut {
            process.process.terminate()
            let grace = Date().addingTimeInterval(10)
            while process.process.isRunning && Date() < grace { Thread.sleep(forTimeInterval: 0.01) }
            if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) }
        }
        process.process.waitUntilExit()
        group.wait()
        let stdout = String(decoding: collector.out, as: UTF8.self), stderr = String(decoding: collector.err, as: UTF8.self)
        return Result(status: timedOut ? -1 : process.process.terminationStatus, stdout: stdout, stderr: stderr,
                      signaled: process.process.terminationReason == .uncaughtSignal)
    }

    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var out = Data(), err = Data()
        func set(_ data: Data, isOut: Bool) {
            lock.lock()
            if isOut { out = data } else { err = data }
            lock.unlock()
        }
    }

    /// A started process with its pipes (for tests that signal it while it runs).
    public struct Running {
        public let process: Process
        public let stdout: Pipe
        public let stderr: Pipe
    }

    /// Starts `sim arguments…` without waiting.
    public func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, stdout: out, stderr: err)
    }
}
