@testable import sim
import XCTest

final class CommandParsingTests: XCTestCase {
    func test_run_acceptsBothOptionForms_andRepeatedSets() throws {
        let command = try Command.parse(["run", "f.json5", "--seed=4", "--policy", "p", "--set", "a=1", "--set=b.c=2", "--no-timing"])
        var expected = RunOptions(file: "f.json5")
        expected.seed = 4
        expected.policy = "p"
        expected.overrides = ["a=1", "b.c=2"]
        expected.timing = false
        XCTAssertEqual(command, .run(expected))
    }

    func test_unknownOption_suggestsTheClosest() {
        XCTAssertThrowsError(try Command.parse(["run", "f", "--polcy", "x"])) { error in
            XCTAssertEqual(error as? CLIError, .unknownOption("--polcy", command: "run", suggestion: "--policy"))
        }
    }

    func test_unknownCommand_suggests() {
        XCTAssertThrowsError(try Command.parse(["rn"])) { error in
            XCTAssertEqual(error as? CLIError, .unknownCommand("rn", suggestion: "run"))
        }
    }

    func test_helpEverywhere() throws {
        XCTAssertEqual(try Command.parse([]), .help(nil))
        XCTAssertEqual(try Command.parse(["run", "--help"]), .help("run"))
        XCTAssertEqual(try Command.parse(["validate", "-h"]), .help("validate"))
        XCTAssertEqual(try Command.parse(["list", "--help"]), .help("list"))
    }

    func test_outputEqualToInput_isRefused() {
        XCTAssertThrowsError(try Command.parse(["run", "s.json5", "--out", "s.json5"]))
    }

    func test_badSeed_isAUsageError() {
        XCTAssertThrowsError(try Command.parse(["run", "s.json5", "--seed", "-1"])) { error in
            XCTAssertEqual(error as? CLIError, .badValue(option: "--seed", value: "-1", expected: "an integer in 0...2^53"))
        }
    }
}
