import Foundation

/// Runs ``CLIMutator`` mutants through the built `sim` binary and sorts the outcomes: every run must end
/// by itself within the timeout, with exit 0, 1, 2 or 130, never by a signal; a failure (1 or 2) says
/// so on stderr. A run still going at the timeout gets SIGINT, as from Ctrl-C: stopping then (exit 130)
/// makes it slow, not hung. Each worker runs in its own copy of the repository's scenarios and data
/// (``CLIFuzzWorkspace``), so no mutant can touch the real files.
public final class CLIFuzzCampaign: @unchecked Sendable {
    /// One mutant's outcome.
    public struct Outcome: Sendable {
        public let mutant: CLIMutator.Mutant
        public let status: Int32
        public let signaled: Bool
        /// Still running at the timeout and not stopped by SIGINT within the grace period.
        public let timedOut: Bool
        /// Still running at the timeout, then stopped by SIGINT (a long computation, not a hang).
        public let interrupted: Bool
        public let seconds: Double
        public let stderr: String

        /// Why this outcome breaks the rules, nil when it does not.
        public var fault: String? {
            if timedOut { return "hang" }
            if interrupted { return status == 130 ? nil : "exit \(status) after an interrupt" }
            if signaled { return "crash (signal \(status))" }
            if ![0, 1, 2, 130].contains(status) { return "exit \(status)" }
            if status == 1 || status == 2 {
                let lines = stderr.split(separator: "\n").filter { !$0.hasPrefix("Run 'sim") && !$0.hasPrefix("Usage:") }
                if lines.isEmpty { return "exit \(status) with nothing on stderr" }
            }
            return nil
        }
    }

    public let mutator: CLIMutator
    public let sim: URL
    public let timeout: TimeInterval
    /// Seconds a run may take to stop after SIGINT.
    public let interruptGrace: TimeInterval = 10
    public let environment: [String: String]
    private let lock = NSLock()
    public private(set) var outcomes: [Outcome] = []

    /// - Parameter environment: added to the runs' environment (resource limits keep runaway requests short).
    public init(mutator: CLIMutator, sim: URL, timeout: TimeInterval = 60,
                environment: [String: String] = ["SIM_MEMORY_LIMIT": "512M", "SIM_EVENT_LIMIT": "2e6"]) {
        self.mutator = mutator
        self.sim = sim
        self.timeout = timeout
        self.environment = environment
        // A mutant that exits before reading its standard input must not take the campaign down with it.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs mutants `range` on `jobs` workers (each in its own workspace built from `repository`);
    /// `progress` is called after each mutant with the number done so far.
    public func run(_ range: Range<Int>, jobs: Int, repository: URL, progress: @escaping @Sendable (Int) -> Void = { _ in }) throws {
        let workspaces = try (0..<jobs).map { try CLIFuzzWorkspace(repository: repository, worker: $0) }
        defer { for workspace in workspaces { workspace.remove() } }
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            for index in stride(from: range.lowerBound + worker, to: range.upperBound, by: jobs) {
                let outcome = execute(mutator.mutant(index), in: workspaces[worker])
                lock.lock()
                outcomes.append(outcome)
                let done = outcomes.count
                lock.unlock()
                progress(done)
            }
        }
        outcomes.sort { $0.mutant.index < $1.mutant.index }
    }

    /// Inputs a mutant changed (they must never be written): the workspace files whose bytes differ.
    public private(set) var changedInputs: [String] = []

    func execute(_ mutant: CLIMutator.Mutant, in workspace: CLIFuzzWorkspace) -> Outcome {
        let started = Date()
        let process = Process()
        process.executableURL = sim
        process.arguments = mutant.arguments
        process.currentDirectoryURL = workspace.repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do { try process.run() } catch {
            return Outcome(mutant: mutant, status: -2, signaled: false, timedOut: false, interrupted: false, seconds: 0, stderr: "\(error)")
        }
        let group = DispatchGroup()
        let errorText = Box()
        for (pipe, keep) in [(output, false), (error, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                if keep { errorText.value = String(decoding: data.prefix(2000), as: UTF8.self) }
                group.leave()
            }
        }
        DispatchQueue.global().async {
            if let text = mutant.input { try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }
            try? input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        // Past the timeout a run is interrupted as a user would (Ctrl-C): a long computation that stops
        // within `interruptGrace` seconds is slow, not hung; one that does not stop is a hang.
        let slow = process.isRunning
        var timedOut = false
        if slow {
            kill(process.processIdentifier, SIGINT)
            let grace = Date().addingTimeInterval(interruptGrace)
            while process.isRunning && Date() < grace { Thread.sleep(forTimeInterval: 0.01) }
            timedOut = process.isRunning
            if timedOut { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        group.wait()
        if let changed = workspace.changedInputs(), !changed.isEmpty {
            lock.lock()
            changedInputs.append("\(mutant.label): " + changed.joined(separator: ", "))
            lock.unlock()
            workspace.restoreInputs()
        }
        return Outcome(mutant: mutant, status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, interrupted: slow && !timedOut, seconds: Date().timeIntervalSince(started),
                       stderr: errorText.value)
    }

    private final class Box: @unchecked Sendable {
        var value = ""
    }

    /// Faults found so far.
    public var faults: [Outcome] { outcomes.filter { $0.fault != nil } }

    /// `command exit: count` lines and the totals.
    public func summary() -> String {
        var counts: [String: [String: Int]] = [:]
        for outcome in outcomes {
            let key = outcome.timedOut ? "hang" : outcome.interrupted ? "slow, interrupted" : outcome.signaled ? "signal \(outcome.status)" : "exit \(outcome.status)"
            counts[outcome.mutant.command, default: [:]][key, default: 0] += 1
        }
        var lines = counts.keys.sorted().map { command in
            "  \(command): " + counts[command]!.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var totals: [String: Int] = [:]
        for outcome in outcomes {
            totals[outcome.timedOut ? "hang" : outcome.interrupted ? "slow, interrupted" : outcome.signaled ? "signal" : "exit \(outcome.status)",
                   default: 0] += 1
        }
        let slowest = outcomes.map(\.seconds).max() ?? 0
        lines.insert("\(outcomes.count) mutants: " + totals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                     + String(format: "; slowest %.2f s; faults %d; inputs changed %d", slowest, faults.count, changedInputs.count), at: 0)
        return lines.joined(separator: "\n")
    }
}

/// A scratch copy of the scenarios and the data they read, laid out as in the repository
/// (`repo/Scenarios`, `shared/data`), with an `out/` folder for outputs; one worker uses it at a time.
public final class CLIFuzzWorkspace: @unchecked Sendable {
    public let root: URL
    public let repository: URL
    private var originals: [(path: String, data: Data, stamp: String)]

    public init(repository source: URL, worker: Int) throws {
        let manager = FileManager.default
        root = manager.temporaryDirectory.appendingPathComponent("sim-cli-fuzz-\(getpid())-\(worker)")
        try? manager.removeItem(at: root)
        repository = root.appendingPathComponent("repo")
        try manager.createDirectory(at: repository.appendingPathComponent("out"), withIntermediateDirectories: true)
        try manager.copyItem(at: source.appendingPathComponent("Scenarios"), to: repository.appendingPathComponent("Scenarios"))
        let shared = source.deletingLastPathComponent().appendingPathComponent("shared/data")
        let data = root.appendingPathComponent("shared/data")
        try manager.createDirectory(at: data, withIntermediateDirectories: true)
        for folder in ["ett-small", "boc-fx", "ring-zones"] where manager.fileExists(atPath: shared.appendingPathComponent(folder).path) {
            try manager.copyItem(at: shared.appendingPathComponent(folder), to: data.appendingPathComponent(folder))
        }
        var originals: [(String, Data, String)] = []
        for base in [repository.appendingPathComponent("Scenarios"), data] {
            let files = manager.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                originals.append((file.path, try Data(contentsOf: file), Self.stamp(file.path)))
            }
        }
        self.originals = originals
    }

    /// Input files that changed (size, modification time, or gone), nil when all are intact.
    func changedInputs() -> [String]? {
        let changed = originals.filter { Self.stamp($0.path) != $0.stamp }.map(\.path)
        return changed.isEmpty ? nil : changed.map { $0.replacingOccurrences(of: root.path + "/", with: "") }
    }

    func restoreInputs() {
        for (path, data, _) in originals {
            try? FileManager.default.removeItem(atPath: path)
            try? data.write(to: URL(fileURLWithPath: path))
        }
        originals = originals.map { ($0.path, $0.data, Self.stamp($0.path)) }
    }

    private static func stamp(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "gone" }
        return "\(attributes[.type] ?? "") \(attributes[.size] ?? "") \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// The shipped scenarios as `(relative path, text)`.
    public static func scenarios(repository: URL) throws -> [(file: String, text: String)] {
        let folder = repository.appendingPathComponent("Scenarios")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json5") }.sorted().map {
            ("Scenarios/" + $0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }
}
