import Foundation

/// The learned policies a loaded scenario has already trained, so `sim compare` and `sim sweep`, which
/// start one session per (policy, seed), train each policy once. Training is deterministic, so the cache
/// changes only the time taken, never a result.
///
/// A class because a loaded ``TabularScenarioWorld`` is an immutable value shared by its sessions; the
/// lock makes it safe if sessions are ever started from several threads. Lookups are by name in a
/// small array (no hashing, no iteration order to depend on).
final class TrainedPolicyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(name: String, file: TrainedPolicyFile)] = []

    /// The cached file of `name`, nil if it has not been trained.
    func cached(_ name: String) -> TrainedPolicyFile? {
        lock.lock()
        defer { lock.unlock() }
        return entries.first { $0.name == name }?.file
    }

    /// The cached file of `name`, or the result of `train` (then cached).
    func file(_ name: String, train: () throws -> TrainedPolicyFile) rethrows -> TrainedPolicyFile {
        lock.lock()
        let hit = entries.first { $0.name == name }?.file
        lock.unlock()
        if let hit { return hit }
        let trained = try train()
        lock.lock()
        if !entries.contains(where: { $0.name == name }) { entries.append((name, trained)) }
        lock.unlock()
        return trained
    }
}
