import Foundation
import SimTestSupport
import XCTest

/// Ctrl-C during a long run: exit 130, with a trace whose every line is JSON and partial results
///. Runs the built binary.
final class InterruptTests: XCTestCase {
    func test_sigint_duringLongRun_exits130_withCompleteTraceAndResults() throws {
        guard let binary = SimBinary.url else { throw XCTSkip("the sim binary is not built next to the tests") }
        let folder = try CLIHarness.temporaryFolder(self)
        let trace = folder.appendingPathComponent("trace.jsonl"), results = folder.appendingPathComponent("results.json")
        let process = Process()
        process.executableURL = binary
        // About an hour of work in a debug build: only the interrupt can end it within the test.
        process.arguments = ["run", CLIHarness.quickstart, "--policy", "dispatch", "--set", "episodes=200000",
                             "--trace", trace.path, "--out", results.path, "--no-progress"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        // The trace's temporary file exists once the handler is installed and events are flowing.
        let temporary = trace.path + ".tmp-\(process.processIdentifier)"
        let deadline = Date().addingTimeInterval(20)
        while !(FileManager.default.fileExists(atPath: temporary) && Self.size(temporary) > 0), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        process.interrupt()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, stderr)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("interrupted at t="), stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary), "the trace was renamed into place")
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", "the trace ends with a complete line")
        XCTAssertGreaterThan(lines.count, 10)
        for (number, line) in lines.dropLast().enumerated() {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), "line \(number + 1): \(line)")
        }
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any])
        XCTAssertEqual(document["policy"] as? String, "dispatch")
        XCTAssertLessThan(try XCTUnwrap(document["simulatedTime"] as? Double), 200_000 * 50)
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
