import Engine
import Foundation

/// A buffered ``ByteOutput`` to a file or standard output. Files are written to a temporary sibling
/// and renamed into place on ``close()`` (no partial outputs); lines are flushed whole, so an
/// interrupted stream to standard output ends on a complete line.
struct FileOutput: ByteOutput {
    private let handle: FileHandle
    private let temporary: String?
    private let destination: String?
    private var buffer: [UInt8] = []

    /// Standard output.
    static func standardOutput() -> FileOutput { FileOutput(handle: .standardOutput, temporary: nil, destination: nil) }

    /// A file at `path`, created through a temporary sibling.
    static func file(_ path: String) throws -> FileOutput {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        TemporaryFiles.register(temporary)
        return FileOutput(handle: handle, temporary: temporary, destination: path)
    }

    /// Reopens the temporary file of a checkpointed run (`sim resume`): keeps its first `bytes` bytes —
    /// what the checkpoint covers — and appends after them, cutting whatever the interrupted process
    /// wrote later. Renamed into place on ``close()`` as usual.
    /// - Throws: ``CheckpointError`` when the file is gone or shorter than the checkpoint says.
    static func resume(_ path: String, temporary: String, bytes: UInt64) throws -> FileOutput {
        guard let handle = FileHandle(forUpdatingAtPath: temporary) else {
            throw CheckpointError.mismatch("the unfinished trace '\(temporary)' is missing; it must stay until the run is resumed")
        }
        let size = try handle.seekToEnd()
        guard size >= bytes else {
            throw CheckpointError.mismatch("the unfinished trace '\(temporary)' has \(size) bytes, the checkpoint covers \(bytes)")
        }
        try handle.truncate(atOffset: bytes)
        try handle.seek(toOffset: bytes)
        return FileOutput(handle: handle, temporary: temporary, destination: path)
    }

    /// The temporary file written until ``close()``, nil for standard output.
    var temporaryPath: String? { temporary }

    private init(handle: FileHandle, temporary: String?, destination: String?) {
        self.handle = handle
        self.temporary = temporary
        self.destination = destination
    }

    mutating func write(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func close() throws {
        try flush()
        guard let temporary, let destination else { return }
        try handle.synchronize()
        try handle.close()
        // rename(2) replaces the destination atomically: a reader sees the old file or the new one.
        guard rename(temporary, destination) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
        }
        TemporaryFiles.forget(temporary)
    }

    /// Flushes whole lines to the temporary file, forces them to disk, and returns the file's length
    /// (a checkpoint's trace position); nil for standard output, which cannot be resumed. From then on
    /// the temporary file belongs to the checkpoint: a failure no longer removes it.
    mutating func checkpoint() throws -> UInt64? {
        guard let temporary else { return nil }
        try flush()
        try handle.synchronize()
        TemporaryFiles.forget(temporary)
        return try handle.offset()
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
