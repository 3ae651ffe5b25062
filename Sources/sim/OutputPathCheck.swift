import Foundation
import Scenarios

/// Output paths checked before any work (exit 2): none names an input, none repeats, each can be written.
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

    /// Everything about the outputs that can be known before the first event (exit 2): no output names
    /// an input (`inputs`: the scenario and every file it reads, see ``Scenario/inputFiles``), no two
    /// outputs name the same file, and each one's folder exists and is writable and it is not a folder.
    /// `-` (standard output) is skipped.
    static func preflight(outputs: [(option: String, path: String?)], inputs: [String]) throws {
        try refuse(outputs: outputs, inputs: inputs)
        let given = outputs.compactMap { output in output.path.map { (option: output.option, path: $0) } }.filter { $0.path != "-" }
        for (index, output) in given.enumerated() {
            if let earlier = given[..<index].first(where: { isSame($0.path, output.path) }) {
                throw CLIError.conflict("\(earlier.option) and \(output.option) both name '\(output.path)'; give each output its own file")
            }
            if let problem = OutputDestination.problem(output.path) { throw CLIError.conflict("\(output.option): \(problem)") }
        }
    }

    /// `path` made absolute against the current folder (a checkpoint records outputs so, and `sim
    /// resume` from another folder writes where the original run would); `-` stays `-`.
    static func absolute(_ path: String) -> String {
        guard path != "-", !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
