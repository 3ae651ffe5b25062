@testable import sim
import XCTest

/// Output paths that equal an input path are refused before anything runs (no partial outputs,
/// issue 6 item 5).
final class OutputPathTests: XCTestCase {
    func test_outEqualToScenario_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--out", "a.json5"])) { error in
            XCTAssertTrue("\(error)".contains("a.json5"), "\(error)")
        }
    }

    func test_traceEqualToScenario_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--trace", "a.json5"]))
    }

    func test_outEqualToTrace_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--out", "x.json", "--trace", "x.json"]))
    }

    func test_checkpointEqualToAnInputOrOutput_isRefused() {
        for other in [["--out", "c.bin"], ["--trace", "c.bin"], ["--plot", "c.bin"]] {
            XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--checkpoint", "c.bin"] + other), "\(other)")
        }
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--checkpoint", "a.json5"]))
    }

    func test_checkpointOptions_parseAndCrossCheck() throws {
        guard case .run(let options) = try Command.parse(["run", "a.json5", "--checkpoint", "c.bin", "--checkpoint-every", "2.5"]) else {
            return XCTFail("not a run")
        }
        XCTAssertEqual(options.checkpoint, "c.bin")
        XCTAssertEqual(options.checkpointEvery, 2.5)
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--checkpoint-every", "5"]), "needs --checkpoint")
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--checkpoint", "c.bin", "--checkpoint-every", "0"]))
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--checkpoint", "c.bin", "--checkpoint-every", "nan"]))
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--checkpoint", "c.bin", "--trace", "-"]))
    }

    func test_resume_parses() throws {
        guard case .resume(let command) = try Command.parse(["resume", "c.bin", "moved.json5", "--no-progress"]) else {
            return XCTFail("not a resume")
        }
        XCTAssertEqual(command.checkpoint, "c.bin")
        XCTAssertEqual(command.scenario, "moved.json5")
        XCTAssertFalse(command.progress)
        XCTAssertThrowsError(try Command.parse(["resume"]))
        XCTAssertThrowsError(try Command.parse(["resume", "a", "b", "c"]))
    }
}
