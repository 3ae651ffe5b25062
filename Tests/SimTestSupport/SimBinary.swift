import Foundation

/// Runs the built `sim` executable for end-to-end tests.
public enum SimBinary {
    /// The repository root (two levels above this file's folder).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `sim` next to the test bundle (SwiftPM builds it for test targets that depend on it).
    public static var url: URL? {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for folder in candidates {
            let binary = folder.appendingPathComponent("sim")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return nil
    }

    /// What a run printed and how it ended.
    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `sim` with `arguments` from the repository root, feeding `input` on standard input.
    public static func run(_ arguments: [String], input: String = "") throws -> Result {
        guard let url else { throw NSError(domain: "SimBinary", code: 1, userInfo: [NSLocalizedDescriptionKey: "sim binary not found"]) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}
