import Foundation

/// Writes result files atomically (a temporary file in the same folder, then a rename), so a reader
/// never sees half a file and an interrupted write leaves the old file intact.
public enum AtomicFile {
    /// Writes `text` to `path`.
    /// - Throws: the Foundation error, which names `path` and the POSIX reason, for the caller to
    ///   report as a runtime failure (exit 1).
    public static func write(_ text: String, to path: String) throws {
        // Foundation's `.atomic` already does the above on Linux: it writes `.dat.nosync<pid>.XXXXXX`
        // beside `path`, fsyncs, renames it over `path`, and unlinks it if anything fails; it creates
        // nothing in the temporary directory (AtomicFileTests, RunEndToEndTests). The empty
        // `/tmp/TemporaryDirectory.*` folders (holding `.keep-directory`) are the Swift driver's.
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
