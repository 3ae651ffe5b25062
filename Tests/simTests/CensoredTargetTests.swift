import Foundation
import SimTestSupport
import XCTest

/// A federated policy that never reaches the target loss used to report `simulatedTimeToTarget` mean 0
/// (no observation) and so "won" every seed against one that does. Censored episodes now count at the
/// horizon, `targetReached` is reported beside, and the policy that never gets there loses every seed.
final class CensoredTargetTests: XCTestCase {
    func testCensoredTimeToTargetNeverWins() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let folder = try CLIHarness.temporaryFolder(self)
        let json = folder.appendingPathComponent("c.json").path
        let fedopt = RepositoryFiles.root.appendingPathComponent("Scenarios/fedopt.json5").path
        let result = try sim.run(["compare", fedopt, "--policies", "fedavg,fedavg-small-steps", "--seeds", "1..5",
                                  "--metrics", "simulatedTimeToTarget", "--set", "policies.fedavg-small-steps.localStepSize=0.001",
                                  "--json", json, "--no-progress"], timeout: 120)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("targetReached"), "the reach fraction is reported beside: \(result.stdout)")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let metrics = try XCTUnwrap(document["metrics"] as? [String: [String: Any]])
        let time = try XCTUnwrap(metrics["simulatedTimeToTarget"])
        let slow = try XCTUnwrap((time["perPolicy"] as? [String: [String: Any]])?["fedavg-small-steps"])
        XCTAssertEqual(slow["perSeed"] as? [Double], [60, 60, 60, 60, 60], "never reached: censored at the horizon of 60")
        let difference = try XCTUnwrap((time["differences"] as? [String: [String: Any]])?["fedavg-small-steps"])
        XCTAssertEqual(difference["wins"] as? Double, 0)
        XCTAssertEqual(difference["losses"] as? Double, 5)
        let reach = try XCTUnwrap((metrics["targetReached"]?["perPolicy"] as? [String: [String: Any]]))
        XCTAssertEqual(reach["fedavg-small-steps"]?["perSeed"] as? [Double], [0, 0, 0, 0, 0])
        XCTAssertGreaterThan(try XCTUnwrap(reach["fedavg"]?["mean"] as? Double), 0.5)
    }
}
