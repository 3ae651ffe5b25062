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

    /// `sim run FILE --policy P --no-timing --no-progress`, then `extra`.
    static func run(_ file: String, policy: String, extra: [String] = []) -> (status: Int32, out: String, err: String) {
        CLIHarness.run(["run", file, "--policy", policy, "--no-timing", "--no-progress"] + extra)
    }

    /// Runs `policy` of the scenario `file`, whose external process carries `marker` on its command line,
    /// and checks what every failed exchange must give: exit 1; one line naming the external policy `name`
    /// (the policy's own by default) and the message (`message` continues "message "), and `cause`; no
    /// results file; the process reaped.
    static func expectFailure(_ file: String, policy: String, name: String? = nil, message: String = "", cause: String,
                              marker: String, in folder: URL, file testFile: StaticString = #filePath, line: UInt = #line) {
        let out = folder.appendingPathComponent("r-\(marker).json").path
        let result = run(file, policy: policy, extra: ["--out", out])
        XCTAssertEqual(result.status, 1, result.err, file: testFile, line: line)
        XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err, file: testFile, line: line)
        let origin = "external policy '\(name ?? policy)', message \(message)"
        XCTAssertTrue(result.err.contains(origin), "expected '\(origin)' in: \(result.err)", file: testFile, line: line)
        XCTAssertTrue(result.err.contains(cause), "expected '\(cause)' in: \(result.err)", file: testFile, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no results after a failed run", file: testFile, line: line)
        XCTAssertEqual(survivors(marker), [], "the process must be reaped", file: testFile, line: line)
    }

    /// Runs `policy` of the scenario `scenario(log)` returns, whose fixture records every message it is
    /// sent (`--record`, with `log` as its marker) into a new file `name`.jsonl in `folder`; checks the run
    /// succeeded and every message matches the repository's schema. Returns the message types seen and
    /// the log's lines.
    static func recordedMessages(policy: String, in folder: URL, name: String = "messages", scenario: (String) throws -> String,
                                 file testFile: StaticString = #filePath, line: UInt = #line) throws -> (types: Set<String>, lines: [Substring]) {
        let log = folder.appendingPathComponent("\(name).jsonl").path
        XCTAssertTrue(FileManager.default.createFile(atPath: log, contents: nil), file: testFile, line: line)
        let result = run(try scenario(log), policy: policy)
        XCTAssertEqual(result.status, 0, result.err, file: testFile, line: line)
        let types = try ExternalPolicyTests.messageTypesCheckedAgainstTheSchema(log: log, file: testFile, line: line)
        return (types, try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n"))
    }

    /// Checks that `policy` of `file` runs and prints other results than `other` (names masked, wall time
    /// left out): the
    /// fixture is not answering as a placeholder would, so a mirror test can fail.
    static func expectDifferentResults(_ file: String, policy: String, from other: String,
                                       file testFile: StaticString = #filePath, line: UInt = #line) {
        let mine = run(file, policy: policy), theirs = run(file, policy: other)
        XCTAssertEqual(mine.status, 0, mine.err, file: testFile, line: line)
        XCTAssertNotEqual(table(mine.out, policy: policy), table(theirs.out, policy: other), file: testFile, line: line)
    }

    /// The lines of `sim run`'s printed results without the closing "P: … events, …, S s" line, whose
    /// seconds differ between equal runs, and with the policy's name replaced by "P".
    private static func table(_ out: String, policy: String) -> [String] {
        out.split(separator: "\n").filter { !$0.contains(" events, simulated time ") }.map { $0.replacingOccurrences(of: policy, with: "P") }
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
