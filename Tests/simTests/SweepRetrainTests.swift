import Foundation
import Scenarios
import SimTestSupport
import XCTest
@testable import sim

/// `sim sweep --retrain`: every (point, seed) run of a learned policy deploys tables trained for it, at
/// that point's k, under the training seed `sim compare --retrain` derives; fixed policies run as usual.
final class SweepRetrainTests: XCTestCase {
    private let scenario = """
    { name: "sweep-retrain", seed: 3, horizon: 8, episodes: 2, gamma: 0.9,
      world: { kind: "ring-zones", localAgents: 60 }, observation: { k: 3 },
      policies: { md: { kind: "mode-dispatch", local: "follow" },
                  mfq: { kind: "subsample-mfq", episodes: 30, local: "follow" } } }
    """

    private func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func value(_ record: [String: Any]) throws -> Double {
        try XCTUnwrap((record["metrics"] as? [String: Any])?["discountedReturn"] as? Double)
    }

    func test_retrain_matchesSeparatelyTrainedRuns_atEveryPoint() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let file = folder.appendingPathComponent("s.json5").path
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)
        let sweep = ["sweep", file, "--set", "observation.k=1,2", "--seeds", "1..2", "--metrics", "discountedReturn", "--no-progress"]
        let retrained = CLIHarness.run(sweep + ["--retrain"])
        XCTAssertEqual(retrained.status, 0, retrained.err)
        let plain = CLIHarness.run(sweep)
        XCTAssertEqual(plain.status, 0, plain.err)
        let r = try lines(retrained.out), p = try lines(plain.out)
        XCTAssertEqual((r[0]["sweep"] as? [String: Any])?["retrain"] as? Bool, true)
        XCTAssertNil((p[0]["sweep"] as? [String: Any])?["retrain"])
        XCTAssertEqual(r.count, 9)
        var trainingSeeds: Set<Double> = []
        for (record, unretrained) in zip(r.dropFirst(), p.dropFirst()) {
            let k = try XCTUnwrap((record["point"] as? [String: Any])?["observation.k"] as? Double)
            let seed = try XCTUnwrap(record["seed"] as? Double)
            guard record["policy"] as? String == "mfq" else {
                XCTAssertNil(record["trainingSeed"], "fixed policies are not trained")
                XCTAssertEqual(try value(record), try value(unretrained))
                continue
            }
            let trainingSeed = try XCTUnwrap(record["trainingSeed"] as? Double)
            trainingSeeds.insert(trainingSeed)
            // The same run with the policy trained separately, at this k, under that training seed.
            let json = folder.appendingPathComponent("k\(Int(k))-s\(Int(seed)).json").path
            let single = CLIHarness.run(["compare", file, "--policies", "mfq", "--seeds", String(Int(seed)), "--set", "observation.k=\(Int(k))",
                                         "--set", "policies.mfq.seed=\(UInt64(trainingSeed))", "--metrics", "discountedReturn",
                                         "--json", json, "--no-progress"])
            XCTAssertEqual(single.status, 0, single.err)
            let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            let metric = try XCTUnwrap((root["metrics"] as? [String: Any])?["discountedReturn"] as? [String: Any])
            let perSeed = try XCTUnwrap((metric["perPolicy"] as? [String: [String: Any]])?["mfq"]?["perSeed"] as? [Double])
            XCTAssertEqual(perSeed, [try value(record)], "k = \(k), seed \(seed)")
        }
        // One training seed per evaluation seed (shared by the points), and the tables really change.
        XCTAssertEqual(trainingSeeds.count, 2)
        let mfq = { (records: [[String: Any]]) in try records.dropFirst().filter { $0["policy"] as? String == "mfq" }.map(self.value) }
        XCTAssertNotEqual(try mfq(r), try mfq(p))
    }

    func test_retrainedAndPlainOutputs_areDifferentSweeps() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let file = folder.appendingPathComponent("s.json5").path, out = folder.appendingPathComponent("o.jsonl").path
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)
        let sweep = ["sweep", file, "--set", "observation.k=1", "--seeds", "1", "--policies", "mfq", "--out", out, "--no-progress"]
        XCTAssertEqual(CLIHarness.run(sweep).status, 0)
        let before = try String(contentsOfFile: out, encoding: .utf8)
        let resumed = CLIHarness.run(sweep + ["--retrain"])
        XCTAssertEqual(resumed.status, 2, resumed.err)
        XCTAssertTrue(resumed.err.contains("retrain true vs false"), resumed.err)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), before)
        // The header and a retrained line read back as written.
        try FileManager.default.removeItem(atPath: out)
        XCTAssertEqual(CLIHarness.run(sweep + ["--retrain"]).status, 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try SweepIdentity(line: lines[0], place: "o.jsonl:1")
        XCTAssertTrue(header.retrain)
        XCTAssertEqual(header.headerLine, lines[0])
        let record = try SweepRecord(line: lines[1], place: "o.jsonl:2")
        XCTAssertNotNil(record.trainingSeed)
        XCTAssertEqual(record.jsonLine, lines[1])
    }

    func test_retrain_refusesExploitabilityAndSweepsWithoutLearnedPolicies() {
        let both = CLIHarness.run(["sweep", CLIHarness.quickstart, "--set", "observation.k=1,2", "--retrain", "--exploitability"])
        XCTAssertEqual(both.status, 2, both.err)
        XCTAssertTrue(both.err.contains("--retrain and --exploitability"), both.err)
        let fixed = CLIHarness.run(["sweep", CLIHarness.quickstart, "--set", "observation.k=1,2", "--seeds", "1", "--retrain"] + CLIHarness.small)
        XCTAssertEqual(fixed.status, 2, fixed.err)
        XCTAssertTrue(fixed.err.contains("--retrain retrains learned policies"), fixed.err)
    }
}
