import Foundation
import SimTestSupport
import XCTest
@testable import sim

/// `sim compare --retrain`: each learned policy is trained once per evaluation seed under a derived
/// training seed, recorded in --json; fixed policies run as usual.
final class CompareRetrainTests: XCTestCase {
    private let scenario = """
    { name: "retrain", seed: 3, horizon: 8, episodes: 2, gamma: 0.9,
      world: { kind: "ring-zones", localAgents: 60 }, observation: { k: 3 },
      policies: { md: { kind: "mode-dispatch", local: "follow" },
                  mfq: { kind: "subsample-mfq", episodes: 30, local: "follow" } } }
    """

    private func root(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    private func perSeed(_ root: [String: Any], _ policy: String) throws -> [Double] {
        let metric = try XCTUnwrap((root["metrics"] as? [String: Any])?["discountedReturn"] as? [String: Any])
        return try XCTUnwrap((metric["perPolicy"] as? [String: [String: Any]])?[policy]?["perSeed"] as? [Double])
    }

    func test_retrain_recordsOneDistinctTrainingSeedPerEvaluationSeed() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let file = folder.appendingPathComponent("s.json5").path
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)
        let retrained = folder.appendingPathComponent("r.json").path, plain = folder.appendingPathComponent("p.json").path
        let run = CLIHarness.run(["compare", file, "--seeds", "1..5", "--retrain", "--json", retrained, "--no-progress"])
        XCTAssertEqual(run.status, 0, run.err)
        let r = try root(retrained)
        let seeds = try XCTUnwrap((r["trainingSeeds"] as? [String: [Double]])?["mfq"])
        XCTAssertEqual(seeds.count, 5)
        XCTAssertEqual(Set(seeds).count, 5, "\(seeds)")
        XCTAssertNil((r["trainingSeeds"] as? [String: Any])?["md"], "fixed policies are not trained")
        XCTAssertEqual(CLIHarness.run(["compare", file, "--seeds", "1..5", "--json", plain, "--no-progress"]).status, 0)
        let p = try root(plain)
        XCTAssertNil(p["trainingSeeds"])
        // The fixed policy runs identically; the learned one differs because its tables do.
        XCTAssertEqual(try perSeed(r, "md"), try perSeed(p, "md"))
        XCTAssertNotEqual(try perSeed(r, "mfq"), try perSeed(p, "mfq"))
        // Reproducible.
        let again = folder.appendingPathComponent("again.json").path
        XCTAssertEqual(CLIHarness.run(["compare", file, "--seeds", "1..5", "--retrain", "--json", again, "--no-progress"]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: again, encoding: .utf8), try String(contentsOfFile: retrained, encoding: .utf8))
    }

    func test_retrain_withoutLearnedPolicies_isAUsageError() throws {
        let run = CLIHarness.run(["compare", CLIHarness.quickstart, "--seeds", "1..2", "--retrain"] + CLIHarness.small)
        XCTAssertEqual(run.status, 2, run.err)
        XCTAssertTrue(run.err.contains("--retrain retrains learned policies"), run.err)
    }
}
