import Foundation
import SimTestSupport
import XCTest
@testable import sim

/// Runs `sim` in-process or as the built binary, and finds the repository's files.
enum CLIHarness {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The quickstart scenario.
    static let quickstart = root.appendingPathComponent("Scenarios/quickstart.json5").path

    /// Settings that keep quickstart runs to a few milliseconds in a debug build.
    static let small = ["--set", "episodes=2", "--set", "horizon=10", "--set", "world.localAgents=100"]

    /// Runs `sim` in-process, returning (status, stdout, stderr).
    static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        var console = Console.capture
        let status = CommandLineTool.main(arguments, console: &console)
        return (status, console.capturedOut, console.capturedErr)
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs the built binary with `stdin` as standard input; returns (status, stdout, stderr).
    static func runBinary(_ arguments: [String], stdin: String = "") throws -> (status: Int32, out: String, err: String) {
        guard SimBinary.url != nil else { throw XCTSkip("the sim binary is not built next to the tests") }
        let result = try SimBinary.run(arguments, input: stdin)
        return (result.status, result.stdout, result.stderr)
    }
}
