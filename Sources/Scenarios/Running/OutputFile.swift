import Foundation

/// An output being written: a temporary sibling renamed into place by ``commit()``, or — for devices,
/// pipes and standard output (``OutputDestination``) — the node itself, written through.
///
/// Plain system calls rather than `FileHandle`, whose failed writes trap or throw Foundation errors
/// without the path: every failure here is a ``FileWriteError`` naming the path and the cause, and
/// every failure removes the temporary file (as does ``TemporaryFiles/removeAll()`` on any failing exit).
public struct OutputFile: Sendable {
    /// The path as the user named it (for messages).
    public let path: String
    /// The temporary file renamed onto ``destination`` by ``commit()``; nil when written through.
    public let temporary: String?
    private let destination: String?
    private let descriptor: Int32
    private let owned: Bool

    /// Opens `path` for writing: a fresh temporary sibling, or the node itself when it is not a regular file.
    /// - Throws: ``FileWriteError``.
    public static func create(_ path: String) throws -> OutputFile {
        switch OutputDestination.of(path) {
        case .descriptor(let number):
            let fd = dup(number)
            guard fd >= 0 else { throw FileWriteError(path: path, errno: EBADF) }
            return OutputFile(path: path, temporary: nil, destination: nil, descriptor: fd, owned: true)
        case .writeThrough(let node):
            let fd = open(node, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileWriteError(path: path, errno: errno) }
            return OutputFile(path: path, temporary: nil, destination: nil, descriptor: fd, owned: true)
        case .atomic(let target):
            let temporary = OutputDestination.temporary(for: target)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                let code = errno
                throw FileWriteError(path: path, errno: code)
            }
            TemporaryFiles.register(temporary)
            return OutputFile(path: path, temporary: temporary, destination: target, descriptor: fd, owned: true)
        }
    }

    /// Standard output, written through (`--trace -`).
    public static func standardOutput() -> OutputFile {
        OutputFile(path: "standard output", temporary: nil, destination: nil, descriptor: STDOUT_FILENO, owned: false)
    }

    /// Reopens the temporary file of an interrupted run, keeps its first `bytes` bytes and writes after them.
    /// - Returns: nil when the temporary file is missing or shorter than `bytes`; the caller reports it.
    public static func reopen(_ path: String, temporary: String, keeping bytes: UInt64) throws -> OutputFile? {
        var info = stat()
        guard stat(temporary, &info) == 0, UInt64(info.st_size) >= bytes else { return nil }
        let fd = open(temporary, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: temporary, errno: errno) }
        guard ftruncate(fd, off_t(bytes)) == 0, lseek(fd, off_t(bytes), SEEK_SET) >= 0 else {
            let code = errno
            _ = Foundation.close(fd)
            throw FileWriteError(path: temporary, errno: code)
        }
        // Not registered: the checkpoint refers to this file, which stays until the run completes.
        return OutputFile(path: path, temporary: temporary, destination: OutputDestination.of(path).target, descriptor: fd, owned: true)
    }

    private init(path: String, temporary: String?, destination: String?, descriptor: Int32, owned: Bool) {
        self.path = path
        self.temporary = temporary
        self.destination = destination
        self.descriptor = descriptor
        self.owned = owned
    }

    /// Writes every byte (retrying short writes and interrupted calls).
    /// - Throws: ``FileWriteError`` (ENOSPC, EPIPE, EFBIG, …).
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path: path, errno: errno)
                }
                done += n
            }
        }
    }

    /// Forces a temporary file's bytes to disk and returns its length; nil when written through.
    public func synchronize() throws -> UInt64? {
        guard temporary != nil else { return nil }
        guard fsync(descriptor) == 0 else { throw FileWriteError(path: path, errno: errno) }
        let offset = lseek(descriptor, 0, SEEK_CUR)
        guard offset >= 0 else { throw FileWriteError(path: path, errno: errno) }
        return UInt64(offset)
    }

    /// Finishes the file: to disk, closed, and renamed into place (a reader sees the old file or the
    /// new one, never half). On failure the temporary file is removed.
    /// - Throws: ``FileWriteError``.
    public func commit() throws {
        guard let temporary, let destination else {
            if owned, Foundation.close(descriptor) != 0, errno != EINTR { throw FileWriteError(path: path, errno: errno) }
            return
        }
        do {
            guard fsync(descriptor) == 0 else { throw FileWriteError(path: path, errno: errno) }
            guard Foundation.close(descriptor) == 0 else { throw FileWriteError(path: path, errno: errno) }
            guard rename(temporary, destination) == 0 else { throw FileWriteError(path: path, errno: errno) }
            TemporaryFiles.forget(temporary)
        } catch {
            TemporaryFiles.remove(temporary)
            throw error
        }
    }

    /// Abandons the file: closes it and removes the temporary file.
    public func discard() {
        if owned { _ = Foundation.close(descriptor) }
        if let temporary { TemporaryFiles.remove(temporary) }
    }
}

extension OutputDestination {
    /// The file a rename replaces (links resolved), or the node written through.
    var target: String {
        switch self {
        case .atomic(let path), .writeThrough(let path): return path
        case .descriptor(let number): return "/dev/fd/\(number)"
        }
    }
}
