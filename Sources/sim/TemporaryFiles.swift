import Foundation
import Synchronization

/// The temporary files this process is writing (an output's `*.tmp-PID` sibling before its rename), so
/// every failure path can remove them: `sim` calls ``removeAll()`` before it exits with a non-zero
/// status, whatever the cause (a full disk, a bad value found late, an interrupt).
///
/// A temporary is registered when it is created and forgotten when it is renamed into place, removed,
/// or handed over to a checkpoint (the unfinished trace of a checkpointed run must stay for `sim resume`).
enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    /// Records a temporary file that must not outlive a failure.
    static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    /// Forgets `path`: it was renamed into place, removed, or now belongs to a checkpoint.
    static func forget(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// The registered temporaries (tests).
    static var registered: Set<String> { paths.withLock { $0 } }

    /// Removes every registered temporary file and forgets them.
    static func removeAll() {
        let all = paths.withLock { list -> Set<String> in
            defer { list.removeAll() }
            return list
        }
        for path in all { unlink(path) }
    }
}
