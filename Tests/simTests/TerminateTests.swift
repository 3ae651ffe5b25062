import Foundation
import SimTestSupport
import XCTest

/// SIGTERM — what a batch scheduler sends at a time limit, on preemption or on `scancel` — stops `sim`
/// as Ctrl-C does: every finished sweep line is kept, no temporary file is left, and it exits 143.
/// A failed write (a full disk) leaves no temporary file either. These run the built binary.
final class TerminateTests: XCTestCase {
    private let sweep = ["sweep", CLIHarness.quickstart, "--set", "world.localAgents=50", "--set", "episodes=100",
                         "--seeds", "1..8", "--shard", "1/2", "--no-progress"]

    private func temporaries(_ folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") || $0.contains(".nosync") }
    }

    private func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Waits until `condition` holds (at most 60 s).
    private func wait(_ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(60)
        while !condition(), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    }

    /// Fault: SIGTERM during a sweep lost every finished line and left `*.tmp-PID` files.
    func test_sigtermDuringSweep_keepsFinishedLines_exits143_andRerunCompletesWithoutRepeats() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim binary is not built next to the tests") }
        let folder = makeTemporaryDirectory()
        let out = folder.file("shard.jsonl"), reference = folder.file("reference.jsonl")
        let running = try sim.start(sweep + ["--out", out])
        wait { lines(out).count >= 3 }
        running.process.terminate()
        let stderr = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        running.process.waitUntilExit()
        XCTAssertEqual(running.process.terminationReason, .exit, stderr)
        XCTAssertEqual(running.process.terminationStatus, 143, stderr)
        XCTAssertTrue(stderr.contains("sim: terminated (SIGTERM) after "), stderr)
        XCTAssertEqual(try temporaries(folder), [])
        let kept = lines(out)
        XCTAssertGreaterThanOrEqual(kept.count, 3)
        XCTAssertLessThan(kept.count, 13, "stopped before the shard's 12 runs were done")
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("}\n"), "ends on a whole line")
        for line in kept { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), line) }

        let rerun = try sim.run(sweep + ["--out", out])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("\(kept.count - 1) of 12 runs already written; running the other \(13 - kept.count)"), rerun.stderr)
        XCTAssertEqual(try sim.run(sweep + ["--out", reference]).status, 0)
        let finished = lines(out)
        XCTAssertEqual(Array(finished.prefix(kept.count)), kept, "the kept lines stay as they were")
        XCTAssertEqual(finished, lines(reference), "no run repeated, none missing, same numbers")
    }

    /// Fault: SIGTERM during a run exited 143 with its trace's temporary file left behind.
    func test_sigtermDuringRun_finishesTraceAndResults_exits143() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim binary is not built next to the tests") }
        let folder = makeTemporaryDirectory()
        let trace = folder.file("trace.jsonl"), results = folder.file("results.json")
        let running = try sim.start(["run", CLIHarness.quickstart, "--policy", "dispatch", "--set", "episodes=200000",
                                     "--trace", trace, "--out", results, "--no-progress"])
        let temporary = trace + ".tmp-\(running.process.processIdentifier)"
        wait { ((try? FileManager.default.attributesOfItem(atPath: temporary))?[.size] as? Int ?? 0) > 0 }
        Thread.sleep(forTimeInterval: 0.2)
        running.process.terminate()
        let stderr = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        running.process.waitUntilExit()
        XCTAssertEqual(running.process.terminationStatus, 143, stderr)
        XCTAssertTrue(stderr.contains("terminated (SIGTERM) at t="), stderr)
        XCTAssertEqual(try temporaries(folder), [])
        XCTAssertTrue(try String(contentsOfFile: trace, encoding: .utf8).hasSuffix("\n"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))))
    }

    /// Fault: a write failure (ENOSPC) left `*.tmp-PID` files. A file-size limit (`ulimit -f`, with
    /// SIGXFSZ ignored) makes writes fail the same way without needing a full disk.
    func test_writeFailureDuringTraceOrSweep_leavesNoTemporaries() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim binary is not built next to the tests") }
        let folder = makeTemporaryDirectory()
        func limited(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/bash")
            shell.arguments = ["-c", "trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\"", sim.executable.path] + arguments
            let err = Pipe()
            shell.standardError = err
            shell.standardOutput = FileHandle.nullDevice
            try shell.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            return (shell.terminationStatus, text)
        }
        let trace = try limited(["run", CLIHarness.quickstart, "--policy", "dispatch", "--trace", folder.file("t.jsonl"), "--no-progress"])
        XCTAssertEqual(trace.status, 1, trace.stderr)
        XCTAssertEqual(try temporaries(folder), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("t.jsonl")))
        let out = folder.file("s.jsonl")
        let lines = try limited(["sweep", CLIHarness.quickstart, "--set", "episodes=1", "--seeds", "1..30", "--out", out, "--no-progress"])
        XCTAssertEqual(lines.status, 1, lines.stderr)
        XCTAssertTrue(lines.stderr.contains("cannot write '\(out)'"), lines.stderr)
        XCTAssertEqual(try temporaries(folder), [])
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("}\n"), "cut back to the last whole line")
        XCTAssertLessThanOrEqual(text.utf8.count, 2048)
    }
}
