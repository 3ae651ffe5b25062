import Foundation
import SimTestSupport
import XCTest
@testable import sim

/// `alternating-marl` with `select: "nashConv"`: every evaluated pair is measured, and the pair kept is
/// the one whose logged nashConv is the smallest.
final class TrainSelectNashConvTests: XCTestCase {
    // Two zones: the measurement's grids stay small. The two iterations' pairs differ in both criteria.
    private let small = ["--set", "world.localAgents=40", "--set", "world.zones=2", "--set", "observation.k=2", "--set", "horizon=6",
                         "--set", "policies.amarl.evalEpisodes=2", "--set", "policies.amarl.outerIterations=2", "--set", "policies.amarl.tol=0.001"]
    private let scenario = CLIHarness.root.appendingPathComponent("Scenarios/ring-zones-train.json5").path

    /// The number after `key ` in `line`.
    private func number(after key: String, in line: Substring) throws -> Double {
        let rest = try XCTUnwrap(line.range(of: key + " ").map { line[$0.upperBound...] }, String(line))
        return try XCTUnwrap(Double(rest.prefix { !", )".contains($0) }), String(line))
    }

    func test_selectNashConv_keepsTheIterationWithTheSmallestLoggedNashConv() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let out = folder.appendingPathComponent("amarl.json").path
        let result = CLIHarness.run(["train", scenario, "--policy", "amarl", "--out", out] + small
                                    + ["--set", "policies.amarl.select=nashConv", "--set", "policies.amarl.nashConvSeeds=1"])
        XCTAssertEqual(result.status, 0, result.err)
        let lines = result.err.split(separator: "\n")
        let iterations = lines.filter { $0.hasPrefix("amarl: iteration ") }
        XCTAssertEqual(iterations.count, 2, result.err)
        let gaps = try iterations.map { try number(after: "nashConv", in: $0) }
        let values = try iterations.map { try number(after: "value", in: $0) }
        let smallest = try XCTUnwrap(gaps.indices.min { gaps[$0] < gaps[$1] })
        let best = try XCTUnwrap(values.indices.max { values[$0] < values[$1] })
        XCTAssertNotEqual(smallest, best, "the two rules must disagree for this test to tell them apart: \(result.err)")
        let summary = try XCTUnwrap(lines.first { $0.hasPrefix("amarl: selected by nashConv: ") }, result.err)
        let chosen = iterations[smallest]
        XCTAssertTrue(summary.hasPrefix("amarl: selected by nashConv: " + chosen.dropFirst("amarl: ".count).prefix { $0 != ":" }),
                      "\(summary) vs \(chosen)")
        XCTAssertEqual(try number(after: "value", in: summary), values[smallest])
        XCTAssertEqual(try number(after: "nashConv", in: summary), gaps[smallest], accuracy: 1e-4)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap((root["training"] as? [String: Any])?["value"] as? Double), values[smallest], accuracy: 1e-9)
        // The same training selected by team return keeps the best value instead.
        let plain = folder.appendingPathComponent("plain.json").path
        XCTAssertEqual(CLIHarness.run(["train", scenario, "--policy", "amarl", "--out", plain] + small).status, 0)
        let plainRoot = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plain))) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap((plainRoot["training"] as? [String: Any])?["value"] as? Double), values[best], accuracy: 1e-9)
    }

    /// `sweep --retrain` trains the learner anew under another seed: it must keep measuring its pairs
    /// (the retrained spec once lost `nashConvSeeds`, and selection trapped with no gap measured).
    func test_selectNashConv_retrainedInASweep_runs() throws {
        let out = try CLIHarness.temporaryFolder(self).appendingPathComponent("s.jsonl").path
        let result = CLIHarness.run(["sweep", scenario, "--retrain", "--policies", "amarl", "--seeds", "1..1", "--set", "episodes=1",
                                     "--out", out, "--no-progress"] + small
                                    + ["--set", "policies.amarl.select=nashConv", "--set", "policies.amarl.nashConvSeeds=1"])
        XCTAssertEqual(result.status, 0, result.err)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("{\"point\"") }.count, 1, "one retrained point after the header")
    }

    func test_selectNashConv_withoutMeasuredSeeds_isRefused() throws {
        let out = try CLIHarness.temporaryFolder(self).appendingPathComponent("amarl.json").path
        let result = CLIHarness.run(["train", scenario, "--policy", "amarl", "--out", out] + small
                                    + ["--set", "policies.amarl.select=nashConv", "--set", "policies.amarl.nashConvSeeds=0"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertTrue(result.err.contains("nashConvSeeds") && result.err.contains("select: \"nashConv\""), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
