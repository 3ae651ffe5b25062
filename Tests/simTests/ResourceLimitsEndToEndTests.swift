import Foundation
import SimTestSupport
import XCTest

/// A request for 10^12 agents, or k = 60 over 12 local states, fails in under
/// a second with exit 2 and the estimated memory in the message — through the real binary.
final class ResourceLimitsEndToEndTests: XCTestCase {
    var quickstart: String { RepositoryFiles.root.appendingPathComponent("Scenarios/quickstart.json5").path }

    /// `validate` lists every problem of the file, so there the refusal must be the first line only.
    func expectFastRefusal(_ arguments: [String], field: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let started = Date()
        let result = try sim.run(arguments, timeout: 30)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertLessThan(seconds, 1, "took \(seconds) s", file: file, line: line)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        if arguments.first != "validate" { XCTAssertEqual(lines.count, 1, result.stderr, file: file, line: line) }
        let first = lines.first ?? ""
        XCTAssertTrue(first.contains(field), result.stderr, file: file, line: line)
        XCTAssertTrue(first.contains("TiB") || first.contains("GiB"), result.stderr, file: file, line: line)
        XCTAssertTrue(result.stdout.isEmpty, result.stdout, file: file, line: line)
    }

    func test_tenToTheTwelveAgents_exit2InUnderASecond() throws {
        try expectFastRefusal(["run", quickstart, "--set", "world.localAgents=1e12"], field: "world.localAgents")
    }

    func test_k60Over12LocalStates_exit2InUnderASecond() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("k60-\(getpid()).json5")
        try """
        {
          name: "k60", horizon: 10, episodes: 1,
          world: { kind: "ring-zones", localAgents: 1000, zones: 12 },
          observation: { k: 60 },
          policies: { table: { kind: "tabular", global: [[0]] } },
        }
        """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try expectFastRefusal(["run", file.path], field: "observation.k")
        try expectFastRefusal(["validate", file.path], field: "observation.k")
    }
}
