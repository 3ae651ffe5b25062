import Engine
import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// A checkpoint whose state bytes were altered and whose keyed hash was recomputed (the key is
/// public): `sim resume` refuses it with exit 2 and one line naming the checkpoint file and the
/// problem, or — when the altered value is one the run could have held — finishes normally. Never a
/// trap. Covers every shipped world kind; the long in-process campaign is CheckpointTamperCampaignTests.
final class CheckpointTamperTests: XCTestCase {
    var folder: URL!
    var sim: SimProcess!

    override func setUpWithError() throws {
        guard let binary = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        sim = binary
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-tamper-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func scenario(_ name: String) -> String { RepositoryFiles.root.appendingPathComponent("Scenarios/" + name).path }

    /// Rewrites the checkpoint at `file` with its run state replaced by `alter(state)`.
    func alterState(_ file: String, _ alter: ([UInt8]) -> [UInt8]) throws {
        var record = try RunCheckpoint.read(from: file)
        let current = try XCTUnwrap(record.current)
        record.current = RunCheckpoint.Current(index: current.index, state: alter(current.state), trace: current.trace)
        try record.write(to: file)
    }

    func expectRefusedOrFinished(_ checkpoint: String, _ what: String, line: UInt = #line) throws -> Bool {
        let result = try sim.run(["resume", checkpoint, "--no-progress"])
        XCTAssertFalse(result.signaled, "\(what): sim died on a signal: \(result.stderr)", line: line)
        guard result.status != 0 else { return false }
        XCTAssertEqual(result.status, 2, "\(what): \(result.stderr)", line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(what): \(result.stderr)", line: line)
        XCTAssertTrue(result.stderr.contains(checkpoint), "\(what): the message names the checkpoint: \(result.stderr)", line: line)
        return true
    }

    /// The reported fault: a queued policyStep whose kind priority was changed from 40 to 99 made
    /// the resumed run schedule two kinds with one id — a precondition trap in EventQueue.register.
    func test_checkpointWithAlteredEventKindPriority_isRefusedWithExit2() throws {
        let checkpoint = path("kind.ckpt")
        try CheckpointFixture.write(checkpoint, scenarioFile: scenario("quickstart.json5"), overrides: ["episodes=2", "horizon=6"],
                                    policy: "dispatch", cut: 3.5, out: path("r.json"))
        var altered = false
        try alterState(checkpoint) { state in
            let name = Array("policyStep".utf8), priority: [UInt8] = [40, 0, 0, 0, 0, 0, 0, 0]
            var bytes = state
            for i in 0...(bytes.count - name.count - 8) where Array(bytes[i..<(i + name.count)]) == name
                && Array(bytes[(i + name.count)..<(i + name.count + 8)]) == priority {
                bytes[i + name.count] = 99
                altered = true
            }
            return bytes
        }
        XCTAssertTrue(altered, "the saved queue should hold a policyStep event")
        XCTAssertTrue(try expectRefusedOrFinished(checkpoint, "priority 99"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("r.json")))
    }

    /// A seeded campaign over every shipped world kind: altered state bytes, hash recomputed.
    func test_checkpointWithTamperedState_everyWorld_refusedWithOneLineOrFinishes() throws {
        let worlds: [(file: String, policy: String, overrides: [String], cut: SimTime)] = [
            ("quickstart.json5", "dispatch-follow", ["episodes=2", "horizon=6", "world.localAgents=40", "observation.k=4"], 4.5),
            ("robots-continuous.json5", "dispatch-follow", ["episodes=2", "horizon=6", "world.localAgents=30"], 3.5),
            ("fedopt.json5", "fedavg", ["episodes=2", "horizon=12"], 7.5),
            ("fedopt-async.json5", "fedavg", ["episodes=2", "horizon=12"], 7.5),
            ("ts-csv-small.json5", "memoa", ["world.length=14"], 6.5),
        ]
        var random = TestRandom(seed: 41)
        var refused = 0
        for world in worlds {
            let pristine = path("pristine.ckpt")
            try CheckpointFixture.write(pristine, scenarioFile: scenario(world.file), overrides: world.overrides, policy: world.policy,
                                        cut: world.cut, out: path("r.json"))
            for _ in 0..<3 {
                let checkpoint = path("t.ckpt")
                try? FileManager.default.removeItem(atPath: checkpoint)
                try FileManager.default.copyItem(atPath: pristine, toPath: checkpoint)
                var change = ""
                try alterState(checkpoint) { state in
                    let mutant = StateTamper.mutate(state, random: &random)
                    change = mutant.change
                    return mutant.bytes
                }
                if try expectRefusedOrFinished(checkpoint, "\(world.file): \(change)") { refused += 1 }
            }
        }
        XCTAssertGreaterThan(refused, 5)
    }

    /// Without the key's hash recomputed, any edit is refused before the payload is read.
    func test_checkpointEditedWithoutItsKeyedHash_isRefusedBeforeParsing() throws {
        let checkpoint = path("edit.ckpt")
        try CheckpointFixture.write(checkpoint, scenarioFile: scenario("quickstart.json5"), overrides: ["episodes=2", "horizon=6"],
                                    policy: "dispatch", cut: 3.5, out: path("r.json"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
        bytes[bytes.count - 20] ^= 1
        try bytes.write(to: URL(fileURLWithPath: checkpoint))
        let result = try sim.run(["resume", checkpoint, "--no-progress"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("keyed hash"), result.stderr)
    }

    /// The unfinished trace a checkpoint names is cut to its recorded length on resume: a checkpoint
    /// naming any file but the trace's own temporary sibling is refused, and that file is untouched.
    func test_checkpointNamingAnotherFileAsItsTrace_isRefused_fileUntouched() throws {
        let checkpoint = path("trace.ckpt"), victim = path("victim.txt")
        try "keep every byte of this\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try CheckpointFixture.write(checkpoint, scenarioFile: scenario("quickstart.json5"), overrides: ["episodes=2", "horizon=6"],
                                    policy: "dispatch", cut: 3.5, out: path("r.json"))
        var record = try RunCheckpoint.read(from: checkpoint)
        record.options.append(("trace", path("t.jsonl")))
        let current = try XCTUnwrap(record.current)
        record.current = RunCheckpoint.Current(index: current.index, state: current.state, trace: (victim, 4))
        try record.write(to: checkpoint)
        XCTAssertTrue(try expectRefusedOrFinished(checkpoint, "trace temporary"))
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep every byte of this\n")
    }
}
