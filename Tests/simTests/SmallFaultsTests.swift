import Foundation
@testable import sim
import SimTestSupport
import XCTest

/// Small faults an adversarial run found, each through the real binary or the parser: training the
/// learners of every world, messages that name the right file and field, escaped control characters,
/// one range for `localAgents`, and options given twice.
final class SmallFaultsTests: XCTestCase {
    var scenarios: URL { RepositoryFiles.root.appendingPathComponent("Scenarios") }

    func testTrainTrainsRobotsContinuousAndFedOptLearners() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let folder = makeTemporaryDirectory()
        for (file, policy, sets) in [("robots-continuous-train.json5", "glearn-follow", ["observation.k=2", "world.abstractionSamples=20"]),
                                     ("fedopt.json5", "glearn", ["observation.k=2", "world.abstractionRuns=2", "world.abstractionRounds=5"])] {
            let out = folder.file(policy + ".json")
            let result = try sim.run(["train", scenarios.appendingPathComponent(file).path, "--policy", policy, "--out", out]
                                     + sets.flatMap { ["--set", $0] }, timeout: 60)
            XCTAssertEqual(result.status, 0, "\(file): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("trained \(policy) (g-learn, k = 2"), result.stdout)
            let text = try String(contentsOfFile: out, encoding: .utf8)
            XCTAssertTrue(text.contains("\"kind\": \"g-learn\""), text)
        }
        // A policy that does not learn names those that do.
        let fixed = try sim.run(["train", scenarios.appendingPathComponent("fedopt.json5").path, "--policy", "fedavg",
                                 "--out", folder.file("x.json")], timeout: 60)
        XCTAssertEqual(fixed.status, 2)
        XCTAssertTrue(fixed.stderr.contains("trainable: glearn, amarl"), fixed.stderr)
    }

    func testMergeOfMissingFileNamesTheResultsFile() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        for command in [["merge", "nosuch.jsonl"], ["plot", "nosuch.jsonl", "--x", "seed", "--y", "a", "--out", "p.svg"]] {
            let result = try sim.run(command)
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("nosuch.jsonl: cannot read the sweep results file: no such file"), result.stderr)
            XCTAssertFalse(result.stderr.contains("scenario file"), result.stderr)
        }
    }

    func testLoneSurrogateIsReportedAsSuch() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let folder = makeTemporaryDirectory()
        let file = folder.file("s.json5")
        try #"{ name: "a\ud800b", world: { kind: "ring-zones" }, policies: { r: { kind: "random" } } }"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try sim.run(["validate", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("name: this string holds an unpaired surrogate escape"), result.stderr)
        XCTAssertFalse(result.stderr.contains("NUL"), result.stderr)
        try #"{ name: "a\ud83d\ude00b\u0041", world: { kind: "ring-zones" }, policies: { r: { kind: "random" } } }"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try sim.run(["validate", file]).status, 0)
    }

    func testAnsiEscapesInNamesArePrintedEscaped() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let quickstart = scenarios.appendingPathComponent("quickstart.json5").path
        let result = try sim.run(["run", quickstart, "--set", #"name="x\u001b[2Jy""#, "--set", "episodes=1", "--set", "horizon=2",
                                  "--set", #"policies={"p\u001b[31m": {kind: "random"}}"#, "--no-progress"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("\u{1b}"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"x\u{1b}[2Jy"#), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"p\u{1b}[31m"#), result.stdout)
        XCTAssertEqual(Console.printable("a\tb\u{7}c"), "a\tb\\u{7}c")
    }

    func testLocalAgentsRangeIsReportedConsistently() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let quickstart = scenarios.appendingPathComponent("quickstart.json5").path
        for value in ["0", "-5", "2.5", "3e9", "\"x\""] {
            let result = try sim.run(["validate", quickstart, "--set", "world.localAgents=" + value])
            XCTAssertEqual(result.status, 2, value)
            XCTAssertTrue(result.stderr.contains("world.localAgents: expected an integer in 1...2147483647"), "\(value): \(result.stderr)")
        }
        // Far beyond memory it is the memory that is reported, as before.
        let huge = try sim.run(["validate", quickstart, "--set", "world.localAgents=1e16"], environment: ["SIM_MEMORY_LIMIT": "1G"])
        XCTAssertTrue(huge.stderr.contains("memory"), huge.stderr)
    }

    func testRepeatedSingleValuedOptionIsRefused() throws {
        XCTAssertThrowsError(try Command.parse(["run", "f.json5", "--seed", "1", "--seed=2"])) { error in
            XCTAssertEqual(error as? CLIError, .repeatedOption("--seed", command: "run"))
        }
        for arguments in [["compare", "f", "--seeds", "1", "--seeds", "2"], ["train", "f", "--policy", "a", "--policy", "b", "--out", "x"],
                          ["bench", "--size", "1", "--size", "2"], ["sweep", "f", "--out", "a", "--out", "b", "--set", "k=1,2"]] {
            XCTAssertThrowsError(try Command.parse(arguments), "\(arguments)")
        }
        XCTAssertNoThrow(try Command.parse(["run", "f.json5", "--set", "a=1", "--set", "b=2"]))
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let result = try sim.run(["run", scenarios.appendingPathComponent("quickstart.json5").path, "--policy", "random", "--policy", "dispatch"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("option '--policy' of 'sim run' is given more than once"), result.stderr)
    }
}
