import Foundation
import SimTestSupport
import XCTest

/// The `ExternalPolicyFixture` executable (a Swift program that speaks the external-policy protocol,
/// well or badly), built next to `sim`.
enum ExternalFixture {
    /// Its path; skips the calling test when it or `sim` is not built.
    static func path() throws -> String {
        guard let sim = SimBinary.url else { throw XCTSkip("the sim binary is not built next to the tests") }
        let path = sim.deletingLastPathComponent().appendingPathComponent("ExternalPolicyFixture").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw XCTSkip("ExternalPolicyFixture is not built") }
        return path
    }

    /// Runs `policy` of the scenario `file` with `--out` and `--trace` files in `folder` and returns the
    /// results, with the policy's name replaced by "P" so runs of a mirror and its built-in compare, and
    /// the trace.
    static func outputs(_ file: String, policy: String, in folder: URL, extra: [String] = [],
                        file testFile: StaticString = #filePath, line: UInt = #line) throws -> (results: String, trace: String) {
        let name = UUID().uuidString.prefix(8)
        let out = folder.appendingPathComponent("\(name).json").path, trace = folder.appendingPathComponent("\(name).jsonl").path
        let result = CLIHarness.run(["run", file, "--policy", policy, "--no-timing", "--no-progress", "--out", out, "--trace", trace] + extra)
        XCTAssertEqual(result.status, 0, result.err, file: testFile, line: line)
        let results = try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "\"\(policy)\"", with: "\"P\"")
        return (results, try String(contentsOfFile: trace, encoding: .utf8))
    }

    /// Processes whose command line contains `marker` (none may outlive a run).
    static func survivors(_ marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let command = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: " ")
            return command.contains(marker) ? pid + ": " + command : nil
        }
    }
}
