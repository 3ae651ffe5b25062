import Foundation
import XCTest

/// An output naming something that is not a regular file — a device, a pipe, a link to one — is
/// written through, never replaced by a rename; regular files (also through a link) stay atomic.
final class OutputDeviceTests: XCTestCase {
    private func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    func testOutputNamingAFifoIsWrittenThroughNotReplaced() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("""
            mkfifo results.fifo
            timeout 60 cat results.fifo > got.json &
            reader=$!
            "$SIM" run q.json5 --policy random --set episodes=2 --no-progress --out results.fifo > /dev/null
            status=$?
            wait $reader
            exit $status
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(fileType(folder.file("results.fifo")), .typeUnknown, "the FIFO was replaced")
        let json = try XCTUnwrap(folder.bytes("got.json"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: json), String(decoding: json, as: UTF8.self))
        XCTAssertEqual(try folder.temporaries(), [])
    }

    func testTraceToProcessSubstitutionIsWritten() throws {
        let folder = try IOFaultFolder(self)
        // In a subshell: bash keeps the substitution's pipe open until the shell that made it exits.
        let result = try folder.shell("""
            ( "$SIM" run q.json5 --policy random --set episodes=2 --no-progress --trace >(gzip > t.gz) > /dev/null; echo $? > status )
            until gzip -t t.gz 2> /dev/null; do sleep 0.05; done
            exit $(cat status)
            """, timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try folder.shell("gunzip -c t.gz | wc -l").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertGreaterThan(Int(lines) ?? 0, 50, "trace lines: \(lines)")
    }

    /// `/dev/stdout` is standard output itself: the report and the results share one stream, in order.
    func testOutputNamingDevStdoutGoesToStandardOutput() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("\"$SIM\" run q.json5 --policy random --set episodes=2 --no-progress --out /dev/stdout > all.txt")
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = String(decoding: try XCTUnwrap(folder.bytes("all.txt")), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("quickstart: world ring-zones"), text)
        XCTAssertTrue(text.contains("\"policy\": \"random\""), text)
        let link = try folder.shell("ln -s /dev/null sink && \"$SIM\" run q.json5 --policy random --set episodes=2 --no-progress --out sink > /dev/null")
        XCTAssertEqual(link.status, 0, link.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("sink")), "/dev/null")
    }

    func testOutputThroughASymlinkReplacesTheTargetAndKeepsTheLink() throws {
        let folder = try IOFaultFolder(self)
        try "old".write(toFile: folder.file("data/real.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.json"), withDestinationPath: "data/real.json")
        let result = try folder.shell("\"$SIM\" run q.json5 --policy random --set episodes=2 --no-progress --out link.json > /dev/null")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.json")), "data/real.json")
        let json = try XCTUnwrap(folder.bytes("data/real.json"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: json))
        XCTAssertEqual(try folder.temporaries(), [])
    }
}
