import XCTest
import SimTestSupport
@testable import Scenarios

/// The worst-client criterion's weight ascent can drive a client's weight towards 0, which makes the
/// consistency system numerically singular; the solver must back off, not abort the run.
final class WorstClientRobustnessTests: XCTestCase {
    func testAWeightNearZeroDoesNotAbortTheRun() throws {
        try LongTest.require()
        // Seed 13 of concept drift with κ = 0.5 met a singular trial in round 98's window (the series'
        // grid depends on `rounds`, so the run keeps 200 rounds and stops after round 98).
        let path = makeTemporaryDirectory().write("s.json5", """
        { name: "wc", seed: 13, world: { kind: "concept-drift", rounds: 200, clients: 5,
            encoder: { kind: "esn", latentWidth: 3, sigma: 0.01 }, cost: { q: 1, kappa: 2, lambda: 0, gamma: 5, alpha: 0.001 } },
          policies: { wc: { kind: "memoa", window: 2, criterion: "worstClient", kappa: 0.5 } } }
        """)
        let scenario = try Scenario.load(file: path)
        var session = try scenario.makeSession(policy: "wc", seed: nil)
        XCTAssertNoThrow(try session.run(until: 99, shouldStop: { false }))
    }
}
