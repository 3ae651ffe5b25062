import Foundation

/// Whether an output path names an input file.
///
/// Spelling is not enough: `./a.json5`, `dir/../a.json5`, a symbolic link or a hard link all name
/// `a.json5`. Two paths are the same file when they are equal after making them absolute, removing
/// `.` and `..` and resolving links, or — when both exist — when they have the same device and inode.
enum OutputPathCheck {
    static func isSame(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a == "-" || b == "-" { return false }
        if canonical(a) == canonical(b) { return true }
        var x = stat(), y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// Throws a usage error when some output names one of the inputs.
    static func refuse(outputs: [(option: String, path: String?)], inputs: [String]) throws {
        for case let (option, path?) in outputs {
            for input in inputs where isSame(path, input) {
                throw CLIError.conflict("\(option) '\(path)' is the input file '\(input)'; choose another path")
            }
        }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
