import Foundation
import SimTestSupport
import XCTest
@testable import sim

/// `subsample-mfq` with `fallback: "gLearn"` through `sim train`: after one short episode nearly every
/// state is unvisited, so the trained table is (nearly) the `g-learn` table of the same local rule.
final class SubsampleMFQWarmStartCommandTests: XCTestCase {
    private let scenario = """
    { name: "warm", seed: 3, horizon: 8, episodes: 2, gamma: 0.9,
      world: { kind: "ring-zones", localAgents: 60 }, observation: { k: 3 },
      policies: { planner: { kind: "g-learn", local: "follow" },
                  warm: { kind: "subsample-mfq", episodes: 1, local: "follow", fallback: "gLearn" },
                  cold: { kind: "subsample-mfq", episodes: 1, local: "follow" } } }
    """

    private func table(_ path: String) throws -> [Int] {
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        return try XCTUnwrap(root["global"] as? [[Int]]).flatMap { $0 }
    }

    func test_gLearnFallback_deploysGLearnsTableWhereNoSampleReached() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let file = folder.appendingPathComponent("s.json5").path
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)
        var tables: [String: [Int]] = [:]
        for policy in ["planner", "warm", "cold"] {
            let out = folder.appendingPathComponent(policy + ".json").path
            let run = CLIHarness.run(["train", file, "--policy", policy, "--out", out])
            XCTAssertEqual(run.status, 0, run.err)
            if policy == "warm" { XCTAssertTrue(run.err.contains("G-LEARN warm start"), run.err) }
            tables[policy] = try table(out)
        }
        let planner = try XCTUnwrap(tables["planner"])
        func agreement(_ name: String) throws -> Int { zip(try XCTUnwrap(tables[name]), planner).filter { $0 == $1 }.count }
        // 8 samples touch at most 8 of the 175 states.
        XCTAssertGreaterThanOrEqual(try agreement("warm"), planner.count - 8)
        XCTAssertLessThan(try agreement("cold"), planner.count - 8)
    }

    func test_gLearnFallback_refusesInitialQ() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let file = folder.appendingPathComponent("s.json5").path
        try scenario.replacingOccurrences(of: "fallback: \"gLearn\"", with: "fallback: \"gLearn\", initialQ: 5")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["validate", file])
        XCTAssertEqual(run.status, 2, run.err)
        XCTAssertTrue(run.err.contains("policies.warm.initialQ"), run.err)
    }
}
