import Engine
import Foundation

/// The input files a checkpoint covers: every file the scenario reads (``Scenario/inputFiles``: data
/// files, a `tablesFile`, tabular policy files, external policy scripts) is hashed when the run starts
/// and again before it resumes, so a run never continues on edited inputs.
extension RunCheckpoint {
    /// One input file and the ``SipHash`` of its bytes; nil when no regular file was there (a data
    /// folder candidate that does not exist must still not exist on resume).
    public struct InputFile: Sendable, Equatable {
        public var path: String
        public var digest: UInt64?

        public init(path: String, digest: UInt64?) {
            self.path = path
            self.digest = digest
        }
    }

    /// The keyed hash of the file's bytes, nil when it is not a readable regular file.
    public static func digest(ofFile path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.withUnsafeBytes { SipHash.hash($0) }
    }

    /// `path` made absolute against the working folder.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The scenario's input files after the scenario itself, absolute, with their hashes now.
    public static func inputs(of scenario: Scenario) -> [InputFile] {
        scenario.inputFiles.dropFirst().map { InputFile(path: absolute($0), digest: digest(ofFile: $0)) }
    }

    /// Refuses (``CheckpointError/mismatch(_:)``, exit 2) when any input file of `scenario` differs
    /// from the one the checkpointed run read, naming the first that does.
    public func checkInputs(_ scenario: Scenario) throws {
        let now = Self.inputs(of: scenario)
        guard now.count == inputs.count else {
            throw CheckpointError.mismatch("the scenario reads \(now.count) input file(s) besides itself, the checkpointed run read \(inputs.count); start the run again")
        }
        for (file, recorded) in zip(now, inputs) where file.digest != recorded.digest {
            let what = file.digest == nil ? "is missing or unreadable" : recorded.digest == nil ? "appeared" : "changed"
            throw CheckpointError.mismatch("the input file '\(file.path)' \(what) since the checkpoint was written; restore it or start the run again")
        }
    }
}
