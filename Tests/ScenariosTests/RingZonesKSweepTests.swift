import Engine
import Scenarios
import SimTestSupport
import XCTest

/// The checks on `Scenarios/ring-zones-k-sweep.json5`, scaled down to stay fast in a debug
/// build (n = 200, 12 episodes of 30 steps, 6 seeds; the full-size numbers are in the issue notes):
/// the trained policy's return rises with k, and at the larger k it beats `random` and `mode-dispatch`,
/// each paired by seed (common random numbers).
final class RingZonesKSweepTests: XCTestCase {
    private let small = ["world.localAgents=200", "episodes=12", "horizon=30", "policies.amarl.evalEpisodes=6"]
    private lazy var folder = makeTemporaryDirectory()

    /// The scenario at `k`, with `amarl` trained once and added as the policy file `trained`.
    private func scenario(k: Int) throws -> Scenario {
        let file = SimBinary.repositoryRoot.appendingPathComponent("Scenarios/ring-zones-k-sweep.json5").path
        let overrides = small + ["observation.k=\(k)"]
        let plain = try Scenario.load(file: file, overrides: overrides.map(Override.parse))
        let world = try XCTUnwrap(plain.world as? TabularScenarioWorld)
        let policy = folder.write("amarl-\(k).json", try world.train(policy: "amarl", progress: { _ in }).rendered())
        return try Scenario.load(file: file, overrides: (overrides + ["policies.trained={kind: 'tabular', file: '\(policy)'}"]).map(Override.parse))
    }

    private func meanReturn(_ scenario: Scenario, policy: String, seed: UInt64) throws -> Double {
        var session = try scenario.makeSession(policy: policy, seed: seed)
        _ = try session.run(until: session.endTime, shouldStop: { false })
        return try XCTUnwrap(try session.finish().metric("discountedReturn")).mean
    }

    /// Paired t statistic of `b - a` over the seeds (0.975 quantile with 5 df: 2.571).
    private func pairedT(_ a: [Double], _ b: [Double]) -> (mean: Double, t: Double) {
        var differences = RunningStats()
        for (x, y) in zip(a, b) { differences.add(y - x) }
        return (differences.mean, differences.mean / (differences.standardDeviation / Double(a.count).squareRoot()))
    }

    func test_trainedReturn_risesWithK_andBeatsTheBaselines() throws {
        let seeds = UInt64(1)...6
        let low = try scenario(k: 1), high = try scenario(k: 8)
        let amarlLow = try seeds.map { try meanReturn(low, policy: "trained", seed: $0) }
        let amarlHigh = try seeds.map { try meanReturn(high, policy: "trained", seed: $0) }
        let random = try seeds.map { try meanReturn(high, policy: "random", seed: $0) }
        let dispatch = try seeds.map { try meanReturn(high, policy: "mode-dispatch", seed: $0) }
        for (name, baseline) in [("k = 1", amarlLow), ("random", random), ("mode-dispatch", dispatch)] {
            let paired = pairedT(baseline, amarlHigh)
            XCTAssertGreaterThan(paired.t, 2.571, "amarl at k = 8 against \(name): mean difference \(paired.mean), t = \(paired.t)")
        }
    }
}
