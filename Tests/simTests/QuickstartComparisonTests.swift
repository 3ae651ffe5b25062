import Engine
import Scenarios
import SimTestSupport
import XCTest

/// The quickstart's headline: `mode-dispatch` earns a higher mean discounted return than
/// `random` over 20 seeds under common random numbers (paired by seed).
final class QuickstartComparisonTests: XCTestCase {
    func test_modeDispatch_beatsRandom_over20Seeds_paired() throws {
        try LongTest.require()
        let file = SimBinary.repositoryRoot.appendingPathComponent("Scenarios/quickstart.json5").path
        let scenario = try Scenario.load(file: file)
        var differences = RunningStats()
        for seed in UInt64(1)...20 {
            let dispatch = try meanReturn(scenario, policy: "dispatch", seed: seed)
            let random = try meanReturn(scenario, policy: "random", seed: seed)
            differences.add(dispatch - random)
        }
        // Paired t: mean difference over its standard error must clear the 0.975 t quantile (2.093, 19 df).
        let t = differences.mean / (differences.standardDeviation / 20.0.squareRoot())
        XCTAssertGreaterThan(differences.mean, 0)
        XCTAssertGreaterThan(t, 2.093, "mean paired difference \(differences.mean), t = \(t)")
    }

    private func meanReturn(_ scenario: Scenario, policy: String, seed: UInt64) throws -> Double {
        var session = try scenario.makeSession(policy: policy, seed: seed)
        _ = try session.run(until: session.endTime, shouldStop: { false })
        return try session.finish().metric("discountedReturn")!.mean
    }
}
