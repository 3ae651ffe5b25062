import Foundation

/// Writes result files atomically (a temporary file in the same folder, then a rename), so a reader
/// never sees half a file and an interrupted write leaves the old file intact.
public enum AtomicFile {
    /// Writes `text` to `path`.
    /// - Throws: the Foundation error, for the caller to report as a runtime failure (exit 1).
    public static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
