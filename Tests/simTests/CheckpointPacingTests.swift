import Foundation
@testable import sim
import SimTestSupport
import XCTest

/// `sim run … --checkpoint-every 0.5` on a time-series world of a few thousand rounds, and its
/// resume, seemed to hang: every stop synced the trace and the checkpoint to disk and renamed a file,
/// thousands of times, for microseconds of simulation each. Checkpoint writes are now spaced in wall
/// time too (``CheckpointPacing``); the results do not depend on which stops wrote.
final class CheckpointPacingTests: XCTestCase {
    func test_explicitInterval_writesFirstStop_thenAtMostOnePerSpacing_alwaysOnInterrupt_neverAtEnd() {
        let start = ContinuousClock.now
        var pacing = CheckpointPacing(spaced: false, start: start)
        XCTAssertTrue(pacing.shouldSave(at: start + .milliseconds(1), stopped: false, atEnd: false), "the first stop writes")
        let writes = (2..<4_000).filter { pacing.shouldSave(at: start + .milliseconds($0), stopped: false, atEnd: false) }
        XCTAssertEqual(writes, [1_001, 2_001, 3_001], "4,000 stops within 4 s write once a second")
        XCTAssertTrue(pacing.shouldSave(at: start + .milliseconds(3_002), stopped: true, atEnd: false), "an interrupt always writes")
        XCTAssertFalse(pacing.shouldSave(at: start + .seconds(60), stopped: false, atEnd: true), "the run's end never writes")
    }

    func test_defaultInterval_waitsTenSecondsOfWallTime() {
        let start = ContinuousClock.now
        var pacing = CheckpointPacing(spaced: true, start: start)
        XCTAssertFalse(pacing.shouldSave(at: start + .seconds(9), stopped: false, atEnd: false))
        XCTAssertTrue(pacing.shouldSave(at: start + .seconds(10), stopped: false, atEnd: false))
        XCTAssertFalse(pacing.shouldSave(at: start + .seconds(15), stopped: false, atEnd: false))
    }

    /// End to end: 2,000 rounds of a generated CSV at `--checkpoint-every 0.5` (4,000 stops), then the
    /// resume of a checkpoint taken early in such a run. Each used to take tens of seconds of syncing on
    /// a real disk; both finish with the plain run's results.
    func test_timeSeriesCheckpointEveryHalf_runAndResume_finishPromptly() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-pacing-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let rows = (0..<2_001).map { t -> String in
            let x = Double(t) * 0.05
            return "t\(t),\(sin(x)),\(cos(0.3 * x)),\(0.6 * sin(x + 0.2) + 0.1 * cos(0.3 * x))"
        }
        try (["date,driver,load,target"] + rows).joined(separator: "\n").write(toFile: path("data/synthetic-series.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: RepositoryFiles.root.appendingPathComponent("Scenarios/ts-csv-small.json5").path,
                                         toPath: path("ts.json5"))
        let common = ["run", path("ts.json5"), "--policy", "greedy", "--set", "world.length=2000", "--no-timing", "--no-progress"]
        let plain = try sim.run(common + ["--out", path("plain.json")])
        XCTAssertEqual(plain.status, 0, plain.stderr)

        let started = Date()
        let checked = try sim.run(common + ["--out", path("checked.json"), "--checkpoint", path("c.ckpt"), "--checkpoint-every", "0.5"], timeout: 60)
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("checked.json"))), try Data(contentsOf: URL(fileURLWithPath: path("plain.json"))))

        try CheckpointFixture.write(path("early.ckpt"), scenarioFile: path("ts.json5"), overrides: ["world.length=2000"], policy: "greedy",
                                    cut: 20.5, out: path("resumed.json"), every: 0.5)
        let resumed = try sim.run(["resume", path("early.ckpt"), "--no-progress"], timeout: 60)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("resumed.json"))), try Data(contentsOf: URL(fileURLWithPath: path("plain.json"))))
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "8,000 synced checkpoints took about a minute")
    }
}
