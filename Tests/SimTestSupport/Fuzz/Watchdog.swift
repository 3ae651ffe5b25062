import Foundation

/// Turns a hang into a failure that names its input: a background thread checks that every worker
/// calls ``enter(_:worker:)`` at least every `limit` seconds, and otherwise prints the label of the
/// input in progress and stops the process. (XCTest has no per-test timeout on Linux; a hung fuzz run
/// would only show as a CI timeout with no clue.)
public final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var labels: [String?]
    private var entries: [Date]
    private var running = true

    public init(limit: TimeInterval, workers: Int = 1) {
        CrashReporter.install()
        labels = Array(repeating: nil, count: workers)
        entries = Array(repeating: Date(), count: workers)
        let thread = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: min(limit / 4, 1))
                guard let self, let stalled = self.check(limit: limit) else { return }
                if !stalled.isEmpty {
                    FileHandle.standardError.write(Data("Watchdog: no progress for \(limit) s on \(stalled)\n".utf8))
                    fatalError("hang on \(stalled)")
                }
            }
        }
        thread.start()
    }

    /// Records that `worker` starts on `label` now.
    public func enter(_ label: String, worker: Int = 0) {
        lock.lock()
        labels[worker] = label
        entries[worker] = Date()
        lock.unlock()
        CrashReporter.note(label, slot: worker)
    }

    /// Records that `worker` is done.
    public func leave(worker: Int = 0) {
        lock.lock()
        labels[worker] = nil
        lock.unlock()
        CrashReporter.clear(slot: worker)
    }

    /// Stops watching.
    public func stop() {
        lock.lock()
        running = false
        lock.unlock()
        for slot in labels.indices { CrashReporter.clear(slot: slot) }
    }

    /// nil to stop the thread, "" when fine, else the stalled label.
    private func check(limit: TimeInterval) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard running else { return nil }
        let now = Date()
        for (label, entry) in zip(labels, entries) where label != nil && now.timeIntervalSince(entry) > limit { return label }
        return ""
    }
}
