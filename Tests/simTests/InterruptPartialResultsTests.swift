import Foundation
import SimTestSupport
import XCTest

/// Ctrl-C is honoured during training (which used to finish first, minutes later), and the results of
/// an interrupted run are marked partial and hold only the episodes completed before the interrupt.
final class InterruptPartialResultsTests: XCTestCase {
    var folder: URL!
    var sim: SimProcess!

    override func setUpWithError() throws {
        guard let binary = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        sim = binary
        folder = try CLIHarness.temporaryFolder(self)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    var ringZonesTrain: String { RepositoryFiles.root.appendingPathComponent("Scenarios/ring-zones-train.json5").path }

    /// Starts `arguments`, sends SIGINT after `delay` seconds and returns the exit status, the seconds
    /// the process took to exit after the signal (at most `patience`, then it is killed) and stderr.
    func interrupt(_ arguments: [String], after delay: Double, patience: Double = 20) throws -> (status: Int32, seconds: Double, stderr: String) {
        let running = try sim.start(arguments)
        Thread.sleep(forTimeInterval: delay)
        let signalled = Date()
        kill(running.process.processIdentifier, SIGINT)
        while running.process.isRunning && Date().timeIntervalSince(signalled) < patience { usleep(10_000) }
        let seconds = Date().timeIntervalSince(signalled)
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        running.process.waitUntilExit()
        let stderr = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (running.process.terminationStatus, seconds, stderr)
    }

    /// SUBSAMPLE-MFQ with ten million learning episodes trains for many minutes in a debug build; Ctrl-C
    /// in its first second must end run, compare and sweep within seconds, with no results for the
    /// policy whose training was cut.
    func testCtrlCDuringTrainingIsHonoured() throws {
        try LongTest.require()
        let long = ["--set", "policies.mfq.episodes=10000000", "--no-progress"]
        let commands: [(String, [String], String)] = [
            ("run", ["run", ringZonesTrain, "--policy", "mfq", "--out", path("run.json")] + long, "run.json"),
            ("compare", ["compare", ringZonesTrain, "--policies", "random,mfq", "--seeds", "1..3", "--json", path("compare.json")] + long, "compare.json"),
            ("sweep", ["sweep", ringZonesTrain, "--policies", "mfq", "--set", "observation.k=10,20", "--seeds", "1"] + long, ""),
        ]
        for (name, arguments, output) in commands {
            let result = try interrupt(arguments, after: 1.5)
            XCTAssertEqual(result.status, 130, "\(name): \(result.stderr)")
            XCTAssertLessThan(result.seconds, 15, "\(name) took \(result.seconds) s to stop after Ctrl-C")
            if !output.isEmpty {
                XCTAssertFalse(FileManager.default.fileExists(atPath: path(output)), "\(name) wrote results of a training cut short")
            }
        }
        let train = try interrupt(["train", ringZonesTrain, "--policy", "mfq", "--out", path("mfq.json"), "--set", "policies.mfq.episodes=10000000"],
                                  after: 1.5)
        XCTAssertEqual(train.status, 130, train.stderr)
        XCTAssertLessThan(train.seconds, 15)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("mfq.json")), "no policy file from a training cut short")
    }

    /// Found by fuzzing: `alternating-marl` with `samples: 256` sampled its count transitions for tens
    /// of seconds without polling Ctrl-C, then started its second start; `sim step` trained its policy
    /// before handling Ctrl-C at all, with evaluation episodes that never polled it.
    func testCtrlCDuringSampledTransitionsAndStepTrainingIsHonoured() throws {
        try LongTest.require()
        let sweep = RepositoryFiles.root.appendingPathComponent("Scenarios/ring-zones-k-sweep.json5").path
        let cases: [(String, [String])] = [
            ("train", ["train", ringZonesTrain, "--policy", "amarl-joint", "--set", "policies.amarl-joint.samples=256",
                       "--out", path("joint.json")]),
            ("step", ["step", sweep, "--set", "horizon=50000", "--seed", "0"]),
        ]
        for (name, arguments) in cases {
            let result = try interrupt(arguments, after: 2)
            XCTAssertEqual(result.status, 130, "\(name): \(result.stderr)")
            XCTAssertLessThan(result.seconds, 10, "\(name) took \(result.seconds) s to stop after Ctrl-C")
            XCTAssertTrue(result.stderr.contains("while training"), "\(name): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("joint.json")), "no policy file from a training cut short")
    }

    /// Ctrl-C in the middle of a long run: `--out` says `"partial": true`, and every metric counts the
    /// completed episodes only (the clock's episode, cut short, is left out).
    func testInterruptedRunResultsArePartialWithoutTruncatedEpisode() throws {
        let results = path("partial.json")
        let quickstart = RepositoryFiles.root.appendingPathComponent("Scenarios/quickstart.json5").path
        let result = try interrupt(["run", quickstart, "--policy", "dispatch", "--set", "episodes=200000", "--set", "horizon=50",
                                    "--out", results, "--no-progress", "--no-timing"], after: 2)
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertTrue(result.stderr.contains("partial"), result.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any])
        XCTAssertEqual(document["partial"] as? Bool, true)
        let time = try XCTUnwrap(document["simulatedTime"] as? Double)
        let metrics = try XCTUnwrap(document["metrics"] as? [String: [String: Any]])
        XCTAssertFalse(metrics.isEmpty)
        for (name, summary) in metrics {
            XCTAssertEqual(summary["n"] as? Double, (time / 50).rounded(.down), "\(name): episodes completed before t = \(time)")
        }
    }
}
