import Foundation
import Synchronization

/// The temporary files this process is writing, so that every failing exit can remove them (an
/// output appears whole or not at all, and no `*.tmp-PID` file is left behind). A temporary file that
/// a checkpoint refers to is forgotten here and kept on disk until the run is resumed.
public enum TemporaryFiles {
    private static let paths = Mutex<[String]>([])

    /// Records a temporary file just created.
    public static func register(_ path: String) { paths.withLock { $0.append(path) } }

    /// Stops tracking `path` (renamed into place, or kept for a checkpoint).
    public static func forget(_ path: String) { paths.withLock { $0.removeAll { $0 == path } } }

    /// Removes `path` from disk and stops tracking it.
    public static func remove(_ path: String) {
        unlink(path)
        forget(path)
    }

    /// Removes every tracked temporary file (on a failing exit).
    public static func removeAll() {
        for path in paths.withLock({ list in defer { list.removeAll() }; return list }) { unlink(path) }
    }

    /// The tracked temporary files (tests).
    public static var tracked: [String] { paths.withLock { $0 } }
}
