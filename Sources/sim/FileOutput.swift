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
        return FileOutput(handle: handle, temporary: temporary, destination: path)
    }

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
        try handle.close()
        if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
        try FileManager.default.moveItem(atPath: temporary, toPath: destination)
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
