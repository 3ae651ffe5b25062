@testable import sim
import XCTest

/// Output paths that equal an input path are refused before anything runs (no partial outputs).
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

    /// Spelling is not identity: `./a`, `dir/../a`, symbolic and hard links all name the input.
    func test_otherSpellingsAndLinksOfTheScenario_areRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outpaths-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = folder.appendingPathComponent("s.json5").path
        try "{}".write(toFile: scenario, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("soft.json5").path, withDestinationPath: scenario)
        try FileManager.default.linkItem(atPath: scenario, toPath: folder.appendingPathComponent("hard.json5").path)
        for spelling in [folder.path + "/./s.json5", folder.path + "/sub/../s.json5", folder.path + "/soft.json5", folder.path + "/hard.json5"] {
            XCTAssertThrowsError(try Command.parse(["run", scenario, "--out", spelling]), spelling)
            XCTAssertThrowsError(try Command.parse(["compare", scenario, "--json", spelling]), spelling)
            XCTAssertThrowsError(try Command.parse(["sweep", scenario, "--set", "seed=1,2", "--out", spelling]), spelling)
        }
        XCTAssertNoThrow(try Command.parse(["run", scenario, "--out", folder.path + "/other.json"]))
    }

    func test_mergeOutputEqualToAShard_isRefused() {
        var console = Console.capture
        XCTAssertThrowsError(try MergeCommand(files: ["a.jsonl", "b.jsonl"], out: "./b.jsonl").execute(console: &console))
    }
}
