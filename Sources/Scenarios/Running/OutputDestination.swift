import Foundation

/// Where an output path really leads, decided before anything is written (`sim` outputs).
///
/// A regular file (or a path that does not exist yet) is written atomically: a temporary sibling,
/// then a rename. When the path is a symbolic link to a regular file, the link's target is replaced
/// and the link kept. Anything else that exists — a device such as `/dev/null` or `/dev/stdout`, a
/// pipe such as bash's `>(gzip > t.gz)`, a socket — is written through in place: a rename would
/// replace the node with a regular file. A name of an open descriptor (`/dev/stdout`, `/dev/fd/63`,
/// `/proc/self/fd/1`, or a link to one) writes to that descriptor itself, sharing its position, as
/// the shell does: reopening it would rewrite a redirected file from its start.
public enum OutputDestination: Equatable, Sendable {
    /// Write a temporary file beside `path`, then rename it onto `path` (links already resolved).
    case atomic(path: String)
    /// Open the existing node and write into it.
    case writeThrough(path: String)
    /// Write to this process's open descriptor.
    case descriptor(Int32)

    /// Classifies `path` (following symbolic links).
    public static func of(_ path: String) -> OutputDestination {
        if let descriptor = descriptorName(path) { return .descriptor(descriptor) }
        var info = stat()
        guard stat(path, &info) == 0 else { return .atomic(path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .writeThrough(path: path) }
        var link = stat()
        if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return .atomic(path: String(cString: resolved))
        }
        return .atomic(path: path)
    }

    /// The descriptor `path` names: `/dev/stdin|stdout|stderr`, `/dev/fd/N`, `/proc/self/fd/N`, directly
    /// or through one symbolic link.
    static func descriptorName(_ path: String) -> Int32? {
        var names = [path]
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        if count > 0 { names.append(String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        for name in names {
            switch name {
            case "/dev/stdin": return 0
            case "/dev/stdout": return 1
            case "/dev/stderr": return 2
            default:
                for prefix in ["/dev/fd/", "/proc/self/fd/"] where name.hasPrefix(prefix) {
                    if let number = Int32(name.dropFirst(prefix.count)) { return number }
                }
            }
        }
        return nil
    }

    /// The temporary sibling of an atomic write by this process.
    public static func temporary(for path: String) -> String {
        path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The folder part of `path`: `""` for a bare name, `/` for a name at the root, trailing slashes
    /// dropped. (Foundation's `NSString.deletingLastPathComponent` crashes on one-character names such as
    /// `--out 1` on Linux, so it is not used.)
    public static func folder(of path: String) -> String {
        var name = Substring(path)
        while name.count > 1 && name.hasSuffix("/") { name = name.dropLast() }
        guard let slash = name.lastIndex(of: "/") else { return "" }
        var folder = name[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Checks, before any work, that `path` can be written: its folder exists and is writable, and it
    /// is not a folder itself. Returns nil when it can, else the reason as a ``FileWriteError``.
    public static func problem(_ path: String) -> FileWriteError? {
        if let descriptor = descriptorName(path) {
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE != O_RDONLY else { return FileWriteError(path: path, errno: EBADF) }
            return nil
        }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return FileWriteError(path: path, errno: EISDIR) }
            if (info.st_mode & S_IFMT) != S_IFREG { return access(path, W_OK) == 0 ? nil : FileWriteError(path: path, errno: errno) }
        }
        let target: String
        if case .atomic(let resolved) = of(path) { target = resolved } else { target = path }
        let folder = folder(of: target)
        let probe = folder.isEmpty ? "." : folder
        var folderInfo = stat()
        guard stat(probe, &folderInfo) == 0 else {
            let code = errno
            return FileWriteError(path: path, errno: code == ENOENT ? ENOENT : code)
        }
        guard (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
            return FileWriteError(path: path, cause: "'\(probe)' is a file, not a folder")
        }
        guard access(probe, W_OK) == 0 else {
            return FileWriteError(path: path, cause: "the folder '\(probe)' is not writable (\(FileWriteError.explain(errno, path: path)))")
        }
        return nil
    }
}
