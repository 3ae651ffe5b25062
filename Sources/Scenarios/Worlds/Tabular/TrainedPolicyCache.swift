import Engine

/// The learned policies a loaded scenario has already trained, so `sim compare` and `sim sweep`, which
/// start one session per (policy, seed), train each policy once. Training is deterministic, so the cache
/// changes only the time taken, never a result.
///
/// A class because a loaded ``TabularScenarioWorld`` is an immutable value shared by its sessions; the
/// lock makes it safe if sessions are ever started from several threads. Lookups are by name in a
/// small array (no hashing, no iteration order to depend on).
final class TrainedPolicyCache: Sendable {
    private let entries = Locked<[Entry]>([])

    private struct Entry: Sendable {
        let name: String
        let file: TrainedPolicyFile
    }

    /// The cached file of `name`, nil if it has not been trained.
    func cached(_ name: String) -> TrainedPolicyFile? {
        entries.withLock { entries in entries.first { $0.name == name }?.file }
    }

    /// The cached file of `name`, or the result of `train` (then cached).
    func file(_ name: String, train: () throws -> TrainedPolicyFile) rethrows -> TrainedPolicyFile {
        if let hit = cached(name) { return hit }
        let trained = try train()
        entries.withLock { entries in
            if !entries.contains(where: { $0.name == name }) { entries.append(Entry(name: name, file: trained)) }
        }
        return trained
    }
}
