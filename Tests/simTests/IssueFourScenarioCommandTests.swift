import XCTest
@testable import sim

/// `sim validate` and `sim run` on the scenarios of issue 4, in-process.
final class IssueFourScenarioCommandTests: XCTestCase {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static let files = ["robots-continuous.json5", "fedopt.json5", "fedopt-async.json5"]

    func test_validate_acceptsEveryIssueFourScenario() {
        var console = Console.capture
        let paths = Self.files.map { Self.scenarios.appendingPathComponent($0).path }
        let status = CommandLineTool.main(["validate"] + paths, console: &console)
        XCTAssertEqual(status, 0, console.capturedErr)
        XCTAssertEqual(console.capturedOut.split(separator: "\n").count, Self.files.count)
    }

    /// k = 5 keeps the learned policies' count-vector spaces tiny in a debug build; CI smoke-runs the
    /// files as written with the release build.
    func test_run_smokeRunsEveryIssueFourScenarioSmall() {
        for file in Self.files {
            var console = Console.capture
            let status = CommandLineTool.main(["run", Self.scenarios.appendingPathComponent(file).path,
                                               "--set", "episodes=1", "--set", "horizon=5", "--set", "observation.k=5"],
                                               console: &console)
            XCTAssertEqual(status, 0, "\(file): \(console.capturedErr)")
        }
    }
}
