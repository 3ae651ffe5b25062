import Foundation
import XCTest

/// A standard stream that cannot be written (`> /dev/full`, a closed descriptor, `2> /dev/full`, a
/// pipe whose reader left) is exit 1 with one message, never a trap or a silent SIGPIPE death, and
/// the output files are still written.
final class StandardStreamFailureTests: XCTestCase {
    /// Fast runs of each command that writes a file, with that file.
    private let commands: [(arguments: String, file: String)] = [
        ("run q.json5 --set episodes=2 --out r.json", "r.json"),
        ("sweep q.json5 --set seed=1,2 --seeds 1 --policies random --set episodes=2 --out s.jsonl", "s.jsonl"),
        ("compare q.json5 --seeds 1..2 --set episodes=2 --json c.json", "c.json"),
    ]

    func testStandardOutputOnDevFullExitsOneWithTheFilesWritten() throws {
        let folder = try IOFaultFolder(self)
        for (arguments, file) in commands {
            let result = try folder.shell("\"$SIM\" \(arguments) --no-progress > /dev/full")
            XCTAssertFalse(result.signaled, arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write standard output: no space left on the device"), result.stderr)
            XCTAssertTrue(folder.exists(file), "\(arguments): \(file) not written")
        }
    }

    func testClosedStandardOutputExitsOneWithTheFilesWritten() throws {
        let folder = try IOFaultFolder(self)
        for (arguments, file) in commands {
            let result = try folder.shell("\"$SIM\" \(arguments) --no-progress >&-")
            XCTAssertFalse(result.signaled, arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write standard output"), result.stderr)
            // Descriptor 1 was closed: no file opened later may take its place and receive the report.
            let written = try XCTUnwrap(folder.bytes(file), arguments)
            XCTAssertFalse(String(decoding: written, as: UTF8.self).contains("policy "), "\(file) holds the report")
        }
    }

    /// With `--trace -` the report goes to standard error; on /dev/full that is exit 1 with `--out` written.
    func testStandardErrorOnDevFullExitsOneWithTheFilesWritten() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("\"$SIM\" run q.json5 --policy random --set episodes=2 --trace - --out r.json --no-progress 2>/dev/full >/dev/null")
        XCTAssertFalse(result.signaled)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(folder.exists("r.json"))
        let refused = try folder.shell("\"$SIM\" run nosuch.json5 2>/dev/full")
        XCTAssertFalse(refused.signaled)
        XCTAssertEqual(refused.status, 2)
    }

    /// SIGPIPE is ignored: when the reader of standard output goes away, the write fails with EPIPE,
    /// and `sim` finishes, then exits 1 saying so (it does not die silently with 141).
    func testBrokenPipeOnStandardOutputExitsOneWithAMessage() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("""
            "$SIM" sweep q.json5 --set seed=1,2,3 --seeds 1..3 --set episodes=2 --no-progress | head -1 > /dev/null
            exit ${PIPESTATUS[0]}
            """)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot write standard output: the reader went away (broken pipe)"), result.stderr)
    }
}
