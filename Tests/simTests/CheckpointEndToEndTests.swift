import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Checkpoints end to end through the built binary: a run killed with SIGKILL after a checkpoint
/// and resumed gives byte-identical results and trace to an uninterrupted run of the same seed — on
/// quickstart and on a time-series scenario; Ctrl-C pauses into a checkpoint without partial outputs;
/// checkpoints from another scenario, another format version, or damaged ones are refused with exit 2.
final class CheckpointEndToEndTests: XCTestCase {
    var folder: URL!
    var sim: SimProcess!

    override func setUpWithError() throws {
        guard let binary = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        sim = binary
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-ckpt-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func scenario(_ name: String) -> String { RepositoryFiles.root.appendingPathComponent("Scenarios/" + name).path }

    /// Runs uninterrupted, then again with --checkpoint, SIGKILLs it once the first checkpoint exists,
    /// resumes, and compares the files byte for byte.
    func checkKillAndResume(_ file: String, _ arguments: [String], every: String, line: UInt = #line) throws {
        let common = [file] + arguments + ["--no-timing", "--no-progress"]
        let reference = try sim.run(["run"] + common + ["--out", path("ref.json"), "--trace", path("ref.jsonl")])
        XCTAssertEqual(reference.status, 0, reference.stderr, line: line)
        let checkpoint = path("run.ckpt")
        let running = try sim.start(["run"] + common + ["--out", path("got.json"), "--trace", path("got.jsonl"),
                                                        "--checkpoint", checkpoint, "--checkpoint-every", every])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: checkpoint) && running.process.isRunning && Date() < deadline {
            usleep(1_000)
        }
        XCTAssertTrue(running.process.isRunning, "the run ended before it could be killed; make it longer", line: line)
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        XCTAssertEqual(running.process.terminationReason, .uncaughtSignal, line: line)
        // No partial outputs: the results and the trace do not exist until the run completes.
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("got.json")), line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("got.jsonl")), line: line)

        let resumed = try sim.run(["resume", checkpoint, "--no-progress"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr, line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("got.json"))),
                       try Data(contentsOf: URL(fileURLWithPath: path("ref.json"))), "results differ", line: line)
        let trace = try Data(contentsOf: URL(fileURLWithPath: path("got.jsonl")))
        XCTAssertEqual(trace, try Data(contentsOf: URL(fileURLWithPath: path("ref.jsonl"))), "trace differs", line: line)
        XCTAssertGreaterThan(trace.count, 10_000, "the trace should span the cut", line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint), "the checkpoint is removed when the run completes", line: line)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "temporary files left behind", line: line)
    }

    func test_quickstart_sigkillAfterCheckpoint_resumesByteIdentical() throws {
        try checkKillAndResume(scenario("quickstart.json5"), ["--policy", "dispatch-follow", "--set", "episodes=60"], every: "20")
    }

    func test_timeSeries_sigkillAfterCheckpoint_resumesByteIdentical() throws {
        try checkKillAndResume(scenario("ts-logistic.json5"), ["--policy", "memoa", "--set", "world.rounds=700"], every: "10")
    }

    /// Ctrl-C with --checkpoint pauses: a checkpoint, exit 130, no results; resume finishes every policy.
    func test_sigint_writesCheckpoint_noResults_resumeCompletesAllPolicies() throws {
        let common = [scenario("quickstart.json5"), "--set", "episodes=50", "--no-timing", "--no-progress"]
        XCTAssertEqual(try sim.run(["run"] + common + ["--out", path("ref.json")]).status, 0)
        let checkpoint = path("pause.ckpt")
        let running = try sim.start(["run"] + common + ["--out", path("got.json"), "--checkpoint", checkpoint, "--checkpoint-every", "100"])
        while !FileManager.default.fileExists(atPath: checkpoint) && running.process.isRunning { usleep(1_000) }
        kill(running.process.processIdentifier, SIGINT)
        running.process.waitUntilExit()
        XCTAssertEqual(running.process.terminationStatus, 130)
        let stderr = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(stderr.contains("sim resume"), stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("got.json")), "no partial results with --checkpoint")
        let resumed = try sim.run(["resume", checkpoint, "--no-progress"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("got.json"))),
                       try Data(contentsOf: URL(fileURLWithPath: path("ref.json"))))
    }

    /// A checkpoint left by a killed run, for the refusal tests.
    func leftCheckpoint(_ scenarioFile: String) throws -> String {
        let checkpoint = path("left.ckpt")
        let running = try sim.start(["run", scenarioFile, "--policy", "dispatch-follow", "--set", "episodes=400", "--no-progress",
                                     "--checkpoint", checkpoint, "--checkpoint-every", "10"])
        while !FileManager.default.fileExists(atPath: checkpoint) && running.process.isRunning { usleep(1_000) }
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        return checkpoint
    }

    func expectRefusal(_ arguments: [String], mentioning words: [String], line: UInt = #line) throws {
        let result = try sim.run(arguments)
        XCTAssertEqual(result.status, 2, result.stderr, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, line: line)
        for word in words { XCTAssertTrue(result.stderr.contains(word), "'\(word)' not in: \(result.stderr)", line: line) }
    }

    func test_foreignVersionDamagedOrEditedCheckpoints_areRefusedWithExit2() throws {
        let copy = path("quickstart.json5")
        try FileManager.default.copyItem(atPath: scenario("quickstart.json5"), toPath: copy)
        let checkpoint = try leftCheckpoint(copy)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: checkpoint))

        try expectRefusal(["resume", checkpoint, scenario("ring-zones.json5")], mentioning: ["not the scenario"])
        var version = bytes
        version[8] = 99
        try version.write(to: URL(fileURLWithPath: path("version.ckpt")))
        try expectRefusal(["resume", path("version.ckpt")], mentioning: ["format version 99", "reads version \(RunCheckpoint.formatVersion)"])
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0x40
        try damaged.write(to: URL(fileURLWithPath: path("damaged.ckpt")))
        try expectRefusal(["resume", path("damaged.ckpt")], mentioning: ["damaged"])
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path("short.ckpt")))
        try expectRefusal(["resume", path("short.ckpt")], mentioning: ["damaged"])
        try expectRefusal(["resume", scenario("quickstart.json5")], mentioning: ["not a sim checkpoint"])
        try (String(contentsOfFile: copy, encoding: .utf8) + "\n// edited\n").write(toFile: copy, atomically: true, encoding: .utf8)
        try expectRefusal(["resume", checkpoint], mentioning: ["changed since the checkpoint"])
    }

    /// Every other world checkpoints too: checkpointing must not change fedopt's or the robots' results.
    func test_fedoptAndRobots_withCheckpoints_matchPlainRuns() throws {
        for (file, policy, overrides) in [("fedopt-async.json5", "fedavg", ["episodes=2"]),
                                          ("robots-continuous.json5", "dispatch-follow", ["episodes=3", "world.localAgents=200"])] {
            let common = [scenario(file), "--policy", policy, "--no-timing", "--no-progress"] + overrides.flatMap { ["--set", $0] }
            XCTAssertEqual(try sim.run(["run"] + common + ["--out", path("plain.json")]).status, 0, file)
            let checked = try sim.run(["run"] + common + ["--out", path("checked.json"), "--checkpoint", path("c.ckpt"), "--checkpoint-every", "3"])
            XCTAssertEqual(checked.status, 0, checked.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("checked.json"))),
                           try Data(contentsOf: URL(fileURLWithPath: path("plain.json"))), file)
        }
    }
}
