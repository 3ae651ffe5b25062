import Foundation
@testable import Scenarios
import SimTestSupport
import XCTest

/// The memory estimate covers every table training builds: the peak resident memory measured while a
/// learner trains stays within the estimate, and the estimate is not wildly above it. On ring-zones
/// with z zones and k = 1 the induced local chain alone takes z^4 doubles (z = 256: 32 GiB), which the
/// estimate once left out. `SIM_MEMORY_LIMIT` sets the budget the estimate is checked against.
final class TrainingMemoryEstimateTests: XCTestCase {
    static let scenario = """
    {
      name: "memory", seed: 3, horizon: 5, episodes: 1, gamma: 0.9,
      world: { kind: "ring-zones", localAgents: 50, zones: 36 },
      observation: { k: 1 },
      policies: { glearn: { kind: "g-learn", maxIterations: 50 } },
    }
    """

    func testTrainingMemoryEstimateCoversTheMeasuredPeak() throws {
        let scenario = try Scenario(source: ScenarioSource(data: Data(Self.scenario.utf8), file: "memory.json5"))
        let world = try XCTUnwrap(scenario.world as? TabularScenarioWorld)
        let estimate = TabularScenarioWorld.memoryEstimate(
            game: world.game, config: world.config, episodes: world.episodes, schedule: world.schedule,
            policies: [("glearn", try ObjectReader(.object([JSONValue.Member(key: "kind", value: .string("g-learn"))]),
                                                   path: "policies.glearn", context: ConfigContext(file: "memory.json5")))],
            worldPath: "world.zones")
        guard PeakMemory.reset() else { throw XCTSkip("this system cannot reset the peak resident memory") }
        let before = PeakMemory.peakBytes()
        _ = try world.train(policy: "glearn", progress: { _ in })
        let measured = Double(PeakMemory.peakBytes() - before)
        let total = estimate.totalBytes
        print("training peak \(measured) bytes, estimate \(total) bytes")
        XCTAssertGreaterThan(measured, 8 * 0x1p20, "the chain alone is 36^4 doubles = 12.8 MiB")
        XCTAssertLessThanOrEqual(measured, total, "measured \(measured) bytes, estimated \(total): \(estimate.items.map(\.what))")
        XCTAssertLessThanOrEqual(total, 4 * measured, "estimate \(total) far above the measured \(measured)")
    }

    func testMemoryLimitRefusesTrainingTablesThatWouldNotFit() throws {
        // 60 zones with k = 1 fit the old estimate (the ring-zones tables, 13 MiB) under 64 MiB, but the
        // induced local chain alone takes 60^4 doubles = 99 MiB.
        let text = Self.scenario.replacingOccurrences(of: "zones: 36", with: "zones: 60")
        let limits = ResourceLimits(memoryBytes: 0x1p26, origin: "SIM_MEMORY_LIMIT=64M")
        XCTAssertThrowsError(try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "m.json5"), limits: limits)) { error in
            guard case ScenarioError.invalid(let issue)? = error as? ScenarioError else { return XCTFail("\(error)") }
            XCTAssertEqual(issue.path, "world.zones")
            XCTAssertTrue(issue.message.contains("induced local chain"), issue.message)
        }
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let file = RepositoryFiles.root.appendingPathComponent("Scenarios/ring-zones-train.json5").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zones60-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try sim.run(["train", file, "--policy", "glearn", "--out", out, "--set", "world.zones=60",
                                  "--set", "observation.k=1"], environment: ["SIM_MEMORY_LIMIT": "64M"], timeout: 30)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("world.zones") && result.stderr.contains("SIM_MEMORY_LIMIT=64M"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
