import Foundation

/// A file that could not be written, as one line naming the path and the cause in words (never a raw
/// Foundation error): `cannot write 'out/r.json': the folder 'out' does not exist`. `sim` exits 1.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The path as the user gave it (or `standard output`).
    public let path: String
    /// The cause in words.
    public let cause: String

    public init(path: String, cause: String) {
        self.path = path
        self.cause = cause
    }

    /// The error for a failed system call on `path`, explained from `errno`.
    public init(path: String, errno code: Int32) {
        self.init(path: path, cause: Self.explain(code, path: path))
    }

    public var description: String {
        let name = path.hasPrefix("standard ") ? path : "'\(path)'"
        return "cannot write \(name): \(cause)"
    }

    /// `errno` in words; the missing-folder case names the folder.
    static func explain(_ code: Int32, path: String) -> String {
        switch code {
        case ENOENT:
            let folder = OutputDestination.folder(of: path)
            return "the folder '\(folder.isEmpty ? "." : folder)' does not exist"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder; give a file path"
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EROFS: return "the file system is read-only"
        case EFBIG: return "the file grew past the allowed size (ulimit -f?)"
        case EBADF: return "it is closed or not open for writing"
        case EPIPE: return "the reader went away (broken pipe)"
        case ENAMETOOLONG: return "the path is too long"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
