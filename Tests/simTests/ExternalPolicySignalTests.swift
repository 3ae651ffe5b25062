import Foundation
import SimTestSupport
import XCTest

/// Ctrl-C and SIGTERM reach an external policy's process: the child runs in its own process group, so a
/// signal sent to `sim` alone must still end it. With `sim` blocked waiting for an answer that never
/// comes (the fixture's `--hang`, under a timeout far longer than the test), SIGTERM gives exit 143 and
/// SIGINT exit 130 at once, the run's results are written as partial, and no fixture process is left;
/// the same when `sim` is blocked writing to a child that stopped reading its input.
final class ExternalPolicySignalTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try CLIHarness.temporaryFolder(self)
    }

    /// `--hang` waits in the global role; `--deaf` stops reading, so `sim` blocks writing the local
    /// population's first message (60,000 states, more than a pipe holds).
    private func scenario(marker: String, mode: String = "--hang", timeout: Double = 600) throws -> String {
        let command = "[\"\(try ExternalFixture.path())\", \"\(mode)\", \"\(marker)\"]"
        let policy = mode == "--deaf" ? "{ kind: \"mode-dispatch\", local: { kind: \"external\", command: \(command), timeout: \(timeout) } }"
            : "{ kind: \"external\", command: \(command), timeout: \(timeout) }"
        let text = """
        { name: "external-signal", seed: 3, horizon: 6, episodes: 3, gamma: 0.9,
          world: { kind: "ring-zones", localAgents: \(mode == "--deaf" ? 60_000 : 50) }, observation: { k: 5 },
          policies: { ext: \(policy) } }
        """
        let url = folder.appendingPathComponent("signal.json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func stopWhileWaiting(_ signal: Int32, expecting status: Int32, mode: String = "--hang") throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim binary is not built") }
        let marker = UUID().uuidString, out = folder.appendingPathComponent("r.json").path
        let running = try sim.start(["run", try scenario(marker: marker, mode: mode), "--no-progress", "--out", out])
        // Wait until the fixture runs (it then hangs on the first decision).
        let started = Date()
        while ExternalFixture.survivors(marker).isEmpty && Date().timeIntervalSince(started) < 20 { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertFalse(ExternalFixture.survivors(marker).isEmpty, "the fixture never started")
        Thread.sleep(forTimeInterval: 0.1)
        let sent = Date()
        kill(running.process.processIdentifier, signal)
        running.process.waitUntilExit()
        let err = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(running.process.terminationStatus, status, err)
        XCTAssertLessThan(Date().timeIntervalSince(sent), 5, "sim must not wait for the policy's timeout")
        XCTAssertEqual(ExternalFixture.survivors(marker), [], "the child must be ended and reaped")
        XCTAssertTrue(err.contains(signal == SIGTERM ? "terminated (SIGTERM)" : "interrupted"), err)
        let results = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(results.contains("\"partial\": true"), results)
    }

    func test_sigtermToSimAlone_endsTheWaitingChild_exit143() throws { try stopWhileWaiting(SIGTERM, expecting: 143) }
    func test_sigintToSimAlone_endsTheWaitingChild_exit130() throws { try stopWhileWaiting(SIGINT, expecting: 130) }
    func test_sigtermWhileWritingToAChildThatStoppedReading_exit143() throws {
        try stopWhileWaiting(SIGTERM, expecting: 143, mode: "--deaf")
    }

    /// A child that stops reading fails the run after its timeout (the write is bounded like the answer).
    func test_childThatStopsReading_failsAfterItsTimeout() throws {
        let marker = UUID().uuidString, out = folder.appendingPathComponent("r.json").path
        let started = Date()
        let result = CLIHarness.run(["run", try scenario(marker: marker, mode: "--deaf", timeout: 0.3), "--no-progress", "--out", out])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("external policy 'ext', message 3: the process did not read its input within 0.3 s"), result.err)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(ExternalFixture.survivors(marker), [])
    }
}
