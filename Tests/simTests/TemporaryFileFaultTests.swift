import Foundation
import XCTest

/// Every failure path — a write error in the middle of a trace, a results file or a checkpoint that
/// cannot be written, an interrupt — leaves no temporary file: each test lists the folder after the
/// fault. `ulimit -f` makes writes fail with EFBIG (sim ignores SIGXFSZ), the portable stand-in
/// for a full disk.
final class TemporaryFileFaultTests: XCTestCase {
    func testTraceWriteFailureLeavesNoTemporaryFile() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("ulimit -f 16; \"$SIM\" run q.json5 --policy dispatch --set episodes=4 --trace t.jsonl --out r.json --no-progress")
        XCTAssertFalse(result.signaled, result.stderr)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot write 't.jsonl': the file grew past the allowed size"), result.stderr)
        XCTAssertEqual(try folder.temporaries(), [])
        XCTAssertFalse(folder.exists("t.jsonl"), "no partial trace")
    }

    func testResultsWriteFailureLeavesNoTemporaryFile() throws {
        let folder = try IOFaultFolder(self)
        let commands = [
            "run q.json5 --set episodes=2 --out r.json --no-progress", "run q.json5 --set episodes=2 --plot p.svg --no-progress",
            "compare q.json5 --seeds 1..2 --set episodes=2 --json c.json --no-progress",
            "compare q.json5 --seeds 1..2 --set episodes=2 --csv c.csv --no-progress",
            "sweep q.json5 --set seed=1,2 --seeds 1 --set episodes=2 --out s.jsonl --no-progress",
            "train tab.json5 --policy learned --out p.json",
            "run q.json5 --policy random --set episodes=4 --checkpoint c.ckpt --checkpoint-every 50 --no-progress",
        ]
        for command in commands {
            let result = try folder.shell("ulimit -f 0; \"$SIM\" \(command) > /dev/null")
            XCTAssertFalse(result.signaled, "\(command): \(result.stderr)")
            XCTAssertEqual(result.status, 1, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("Error: cannot write '"), "\(command): \(result.stderr)")
            XCTAssertEqual(try folder.temporaries(), [], command)
        }
        for output in ["r.json", "p.svg", "c.json", "c.csv", "s.jsonl", "p.json", "c.ckpt"] { XCTAssertFalse(folder.exists(output), output) }
    }

    /// Ctrl-C during a sweep to a file: the finished lines are kept, renamed into place, nothing else.
    func testInterruptedSweepLeavesNoTemporaryFile() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("""
            "$SIM" sweep q.json5 --set seed=1,2,3,4,5,6,7,8 --seeds 1..20 --out s.jsonl --no-progress > /dev/null &
            pid=$!
            \(Self.waitForSIGINTHandler)
            kill -INT $pid
            wait $pid
            """)
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertEqual(try folder.temporaries(), [])
        XCTAssertTrue(folder.exists("s.jsonl"))
    }

    /// Bash that waits until process `$pid` catches SIGINT (bit 2 of SigCgt): an earlier signal would
    /// end it before it can stop cleanly.
    static let waitForSIGINTHandler = """
        until (( 0x$(awk '/SigCgt/ { print $2 }' /proc/$pid/status 2> /dev/null || echo 0) & 2 )); do sleep 0.005; done
        """
}
