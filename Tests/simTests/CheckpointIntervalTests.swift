import Foundation
import SimTestSupport
import XCTest

/// `--checkpoint-every T` for intervals that are not exact binary fractions: every run ends, with the
/// results of a run without checkpoints; absurdly small intervals are refused with exit 2; the first
/// Ctrl-C stops the run even while the clock steps through intervals without events.
final class CheckpointIntervalTests: XCTestCase {
    var folder: URL!
    var sim: SimProcess!

    override func setUpWithError() throws {
        guard let binary = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        sim = binary
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-every-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    var quickstart: String { RepositoryFiles.root.appendingPathComponent("Scenarios/quickstart.json5").path }

    /// 0.1, 0.3 and 0.7 used to stop at a clock where `floor(now / T) · T + T` equals `now` and loop
    /// there for ever; each must now finish with exactly the plain run's results.
    func testCheckpointEveryPointOneFinishes() throws {
        let common = ["run", quickstart, "--policy", "dispatch", "--set", "episodes=1", "--no-timing", "--no-progress"]
        let plain = try sim.run(common + ["--out", path("plain.json")])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        for every in ["0.1", "0.3", "0.7"] {
            let run = try sim.run(common + ["--out", path("every.json"), "--checkpoint", path("c.ckpt"), "--checkpoint-every", every],
                                  timeout: 60)
            XCTAssertEqual(run.status, 0, "--checkpoint-every \(every): \(run.stderr)")
            XCTAssertEqual(try? Data(contentsOf: URL(fileURLWithPath: path("every.json"))),
                           try Data(contentsOf: URL(fileURLWithPath: path("plain.json"))), "--checkpoint-every \(every)")
            try? FileManager.default.removeItem(atPath: path("every.json"))
        }
    }

    /// 1e-300 would take 10^303 steps: refused before the first event, naming the least interval.
    func testCheckpointEveryTinyIntervalIsRefused() throws {
        let run = try sim.run(["run", quickstart, "--policy", "dispatch", "--no-progress", "--out", path("r.json"),
                               "--checkpoint", path("c.ckpt"), "--checkpoint-every", "1e-300"], timeout: 60)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("--checkpoint-every") && run.stderr.contains("at least 0.001"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("r.json")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("c.ckpt")))
    }

    /// The first SIGINT, sent while a long run steps in intervals of 0.1, gives a checkpoint and exit 130.
    func testCheckpointEveryPointOneHonoursFirstInterrupt() throws {
        let checkpoint = path("long.ckpt")
        let running = try sim.start(["run", quickstart, "--policy", "dispatch", "--set", "episodes=2000", "--no-progress",
                                     "--checkpoint", checkpoint, "--checkpoint-every", "0.1"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: checkpoint) && running.process.isRunning && Date() < deadline { usleep(1_000) }
        usleep(300_000)
        kill(running.process.processIdentifier, SIGINT)
        let stop = Date().addingTimeInterval(30)
        while running.process.isRunning && Date() < stop { usleep(10_000) }
        let hung = running.process.isRunning
        if hung { kill(running.process.processIdentifier, SIGKILL) }
        running.process.waitUntilExit()
        XCTAssertFalse(hung, "the first SIGINT was ignored")
        XCTAssertEqual(running.process.terminationStatus, 130)
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint))
    }
}
