import Engine
import Foundation
import Scenarios

/// A buffered ``ByteOutput`` to a file or standard output (an ``OutputFile``). Files are written to a
/// temporary sibling and renamed into place on ``close()`` (no partial outputs); devices and pipes are
/// written through; lines are flushed whole, so an interrupted stream ends on a complete line.
struct FileOutput: ByteOutput {
    private let file: OutputFile
    private var buffer: [UInt8] = []

    /// Standard output.
    static func standardOutput() -> FileOutput { FileOutput(file: .standardOutput()) }

    /// A file at `path`, created through a temporary sibling (written through when not a regular file).
    /// - Throws: ``FileWriteError``.
    static func file(_ path: String) throws -> FileOutput { FileOutput(file: try OutputFile.create(path)) }

    /// Reopens the temporary file of a checkpointed run (`sim resume`): keeps its first `bytes` bytes —
    /// what the checkpoint covers — and appends after them, cutting whatever the interrupted process
    /// wrote later. Renamed into place on ``close()`` as usual.
    /// - Throws: ``CheckpointError`` when the file is gone or shorter than the checkpoint says.
    static func resume(_ path: String, temporary: String, bytes: UInt64) throws -> FileOutput {
        // The file to cut must be this trace's own temporary sibling (TRACE.tmp-PID): a checkpoint
        // naming any other file must not make resume truncate it.
        guard case .atomic(let target) = OutputDestination.of(path), temporary.hasPrefix(target + ".tmp-"),
              let pid = Int32(temporary.dropFirst(target.count + 5)), pid > 0 else {
            throw CheckpointError.corrupt("the unfinished trace '\(temporary)' is not a temporary file of the trace '\(path)'")
        }
        guard let file = try OutputFile.reopen(path, temporary: temporary, keeping: bytes) else {
            let size = (try? FileManager.default.attributesOfItem(atPath: temporary))?[.size] as? NSNumber
            throw CheckpointError.mismatch(size.map { "the unfinished trace '\(temporary)' has \($0) bytes, the checkpoint covers \(bytes)" }
                                           ?? "the unfinished trace '\(temporary)' is missing; it must stay until the run is resumed")
        }
        return FileOutput(file: file)
    }

    /// The temporary file written until ``close()``; nil for standard output, devices and pipes.
    var temporaryPath: String? { file.temporary }

    private init(file: OutputFile) { self.file = file }

    mutating func write(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func close() throws {
        do {
            try flush()
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }

    /// Flushes whole lines to the temporary file, forces them to disk, and returns the file's length
    /// (a checkpoint's trace position); nil for standard output, devices and pipes, which cannot be
    /// resumed. From then on the temporary file belongs to the checkpoint: a failure no longer removes it.
    mutating func checkpoint() throws -> UInt64? {
        guard let temporary = file.temporary else { return nil }
        try flush()
        let length = try file.synchronize()
        TemporaryFiles.forget(temporary)
        return length
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
