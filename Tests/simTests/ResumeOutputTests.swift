@testable import sim
import Foundation
import XCTest

/// `sim resume` writes where the original run would, from any folder, and checks the outputs
/// against the inputs again.
final class ResumeOutputTests: XCTestCase {
    func testCheckpointRecordsAbsoluteOutputPaths() throws {
        var options = RunOptions(file: "q.json5")
        options.out = "r.json"
        options.trace = "sub/../t.jsonl"
        options.plot = "./p.svg"
        let recorded = Dictionary(CheckpointedRun.recorded(options), uniquingKeysWith: { $1 })
        let here = FileManager.default.currentDirectoryPath
        XCTAssertEqual(recorded["out"], here + "/r.json")
        XCTAssertEqual(recorded["trace"], here + "/t.jsonl")
        XCTAssertEqual(recorded["plot"], here + "/p.svg")
    }

    /// Starts a checkpointed run of q.json5 from the folder with relative paths and pauses it with Ctrl-C.
    private func pausedRun(_ folder: IOFaultFolder) throws {
        let paused = try folder.shell("""
            "$SIM" run q.json5 --policy dispatch --set episodes=100 --out r.json --checkpoint c.ckpt --checkpoint-every 50 --no-progress > /dev/null &
            pid=$!
            \(TemporaryFileFaultTests.waitForSIGINTHandler)
            kill -INT $pid
            wait $pid
            """)
        XCTAssertEqual(paused.status, 130, paused.stderr)
        XCTAssertTrue(folder.exists("c.ckpt"))
    }

    func testResumeFromAnotherFolderWritesWhereTheOriginalRunWould() throws {
        let folder = try IOFaultFolder(self)
        try pausedRun(folder)
        let resumed = try folder.shell("mkdir elsewhere && cd elsewhere && \"$SIM\" resume ../c.ckpt --no-progress > /dev/null")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(folder.exists("r.json"), "the results belong beside the original run")
        XCTAssertFalse(folder.exists("elsewhere/r.json"))
    }

    func testResumeRefusesAnOutputThatNowNamesAnInput() throws {
        let folder = try IOFaultFolder(self)
        try pausedRun(folder)
        try FileManager.default.createSymbolicLink(atPath: folder.file("r.json"), withDestinationPath: "q.json5")
        let before = folder.bytes("q.json5")
        let resumed = try folder.shell("\"$SIM\" resume c.ckpt --no-progress")
        XCTAssertEqual(resumed.status, 2, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("is the input file"), resumed.stderr)
        XCTAssertEqual(folder.bytes("q.json5"), before)
        XCTAssertTrue(folder.exists("c.ckpt"), "the checkpoint stays for a later resume")
    }
}
