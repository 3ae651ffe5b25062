import Foundation

extension SimProcess {
    /// Runs `script` with bash in `folder`, the built binary in `$SIM` — for faults that only a shell
    /// sets up: `> /dev/full`, a closed descriptor `>&-`, `| head -1`, `ulimit -f`, `>(gzip > t.gz)`.
    /// The script's own exit status is the result's (end it with `exit ${PIPESTATUS[0]}` for pipelines).
    public func shell(_ script: String, in folder: String, timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(["SIM": executable.path]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let box = OutputBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { box.set(out.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        group.wait()
        return Result(status: timedOut ? -1 : process.terminationStatus, stdout: String(decoding: box.data, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// Standard output read on another thread.
private final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()
    func set(_ data: Data) { lock.lock(); stored = data; lock.unlock() }
    var data: Data { lock.lock(); defer { lock.unlock() }; return stored }
}
