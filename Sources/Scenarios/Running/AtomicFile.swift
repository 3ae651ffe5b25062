import Foundation

/// Writes result files whole: a temporary file in the same folder, forced to disk, then renamed over
/// the destination, so a reader never sees half a file and a failed write leaves the old file intact
/// and no temporary file behind. Devices and pipes (`/dev/stdout`, `>(gzip > f.gz)`) are written
/// through instead of replaced (``OutputDestination``).
public enum AtomicFile {
    /// Writes `text` to `path`.
    /// - Throws: ``FileWriteError`` naming `path` and the cause (exit 1).
    public static func write(_ text: String, to path: String) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`.
    /// - Throws: ``FileWriteError`` naming `path` and the cause (exit 1).
    public static func write(bytes: [UInt8], to path: String) throws {
        let file = try OutputFile.create(path)
        do {
            try file.write(bytes)
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }
}
