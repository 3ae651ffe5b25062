import XCTest
import SimTestSupport
@testable import sim

/// `sim validate` and `sim run` on the robots-continuous and fedopt scenarios, in-process.
final class RobotsFedOptScenarioCommandTests: XCTestCase {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static let files = ["robots-continuous.json5", "robots-continuous-train.json5", "fedopt.json5", "fedopt-async.json5"]

    func test_validate_acceptsEveryRobotsAndFedOptScenario() {
        var console = Console.capture
        let paths = Self.files.map { Self.scenarios.appendingPathComponent($0).path }
        let status = CommandLineTool.main(["validate"] + paths, console: &console)
        XCTAssertEqual(status, 0, console.capturedErr)
        XCTAssertEqual(console.capturedOut.split(separator: "\n").count, Self.files.count)
    }

    /// k = 5 keeps the learned policies' count-vector spaces tiny in a debug build; CI smoke-runs the
    /// files as written with the release build.
    func test_run_smokeRunsEveryRobotsAndFedOptScenarioSmall() {
        for file in Self.files {
            var console = Console.capture
            let status = CommandLineTool.main(["run", Self.scenarios.appendingPathComponent(file).path,
                                               "--set", "episodes=1", "--set", "horizon=5", "--set", "observation.k=5"],
                                               console: &console)
            XCTAssertEqual(status, 0, "\(file): \(console.capturedErr)")
        }
    }
}

/// Fixed-seed golden values of the robots-continuous and fedopt scenarios: `sim run FILE --set episodes=2
/// --set horizon=10 --set observation.k=5` at each file's seed. A change here changes published numbers.
final class RobotsFedOptScenarioGoldenTests: XCTestCase {
    private struct Run: Decodable {
        struct Summary: Decodable { let mean: Double }
        let policy: String
        let metrics: [String: Summary]
    }

    /// Means by policy and metric, decoded with `JSONDecoder` (exact round trip of the printed numbers).
    func means(_ file: String) throws -> [String: [String: Double]] {
        let folder = makeTemporaryDirectory()
        let out = folder.path + "/results.json"
        var console = Console.capture
        let status = CommandLineTool.main(["run", RobotsFedOptScenarioCommandTests.scenarios.appendingPathComponent(file).path,
                                           "--set", "episodes=2", "--set", "horizon=10", "--set", "observation.k=5",
                                           "--no-timing", "--out", out], console: &console)
        XCTAssertEqual(status, 0, console.capturedErr)
        let runs = try JSONDecoder().decode([Run].self, from: Data(contentsOf: URL(fileURLWithPath: out)))
        var result: [String: [String: Double]] = [:]
        for run in runs { result[run.policy] = run.metrics.mapValues(\.mean) }
        return result
    }

    func test_robotsContinuous_golden() throws {
        let m = try means("robots-continuous.json5")
        XCTAssertEqual(m["random"]?["discountedReturn"], 21.430392138114783)
        XCTAssertEqual(m["dispatch-follow"]?["discountedReturn"], 32.64311875463446)
        XCTAssertEqual(m["dispatch-follow"]?["modeAccuracy"], 0.35)
    }

    func test_robotsContinuousTrain_golden() throws {
        let m = try means("robots-continuous-train.json5")
        XCTAssertEqual(m["glearn-follow"]?["discountedReturn"], 36.02032448925116)
        XCTAssertEqual(m["amarl"]?["discountedReturn"], 40.04290683536814)
    }

    func test_fedopt_golden() throws {
        let m = try means("fedopt.json5")
        XCTAssertEqual(m["fedavg"]?["globalLoss"], 1.658560081383788)
        XCTAssertEqual(m["fedavg"]?["messages"], 30)
        XCTAssertEqual(m["amarl"]?["globalLoss"], 1.20766592515115)
    }

    func test_fedoptAsync_golden() throws {
        let m = try means("fedopt-async.json5")
        XCTAssertEqual(m["fedavg"]?["globalLoss"], 1.2051108765301835)
        // One of the two episodes reaches the target (at 6.765620993695112, round 8); the other is
        // censored at the horizon, 10, after 5 rounds.
        XCTAssertEqual(m["fedavg-half"]?["targetReached"], 0.5)
        XCTAssertEqual(m["fedavg-half"]?["simulatedTimeToTarget"], (6.765620993695112 + 10) / 2)
        XCTAssertEqual(m["fedavg-half"]?["roundsToTarget"], 6.5)
    }
}
