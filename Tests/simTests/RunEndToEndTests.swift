import Foundation
import SimTestSupport
import XCTest

/// Runs the built `sim` binary and checks outputs and exit codes.
final class RunEndToEndTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func run(_ arguments: [String]) throws -> SimBinary.Result {
        guard SimBinary.url != nil else { throw XCTSkip("sim binary not built") }
        return try SimBinary.run(arguments)
    }

    private func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func test_sameSeed_byteIdenticalResultsAndTrace_otherSeedDiffers() throws {
        var outputs: [(results: String, trace: String)] = []
        for (index, seed) in ["3", "3", "4"].enumerated() {
            let out = folder.file("r\(index).json"), trace = folder.file("t\(index).jsonl")
            let result = try run(["run", "Scenarios/quickstart.json5", "--policy", "dispatch", "--seed", seed, "--set", "episodes=2",
                                  "--out", out, "--trace", trace, "--no-timing"])
            XCTAssertEqual(result.status, 0, result.stderr)
            outputs.append((read(out), read(trace)))
        }
        XCTAssertFalse(outputs[0].trace.isEmpty)
        XCTAssertEqual(outputs[0].results, outputs[1].results)
        XCTAssertEqual(outputs[0].trace, outputs[1].trace)
        XCTAssertNotEqual(outputs[0].results, outputs[2].results)
        XCTAssertNotEqual(outputs[0].trace, outputs[2].trace)
    }

    func test_resultsFile_hasTheDesignFormat() throws {
        let out = folder.file("r.json")
        XCTAssertEqual(try run(["run", "Scenarios/quickstart.json5", "--policy", "random", "--set", "episodes=3", "--out", out]).status, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(out).utf8)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["scenario", "seed", "policy", "metrics", "events", "simulatedTime", "wallSeconds"])
        let metrics = try XCTUnwrap(json["metrics"] as? [String: [String: Double]])
        XCTAssertEqual(Set(metrics.keys), ["discountedReturn", "modeAccuracy"])
        XCTAssertEqual(metrics["discountedReturn"]?["n"], 3)
        XCTAssertEqual(Set(metrics["modeAccuracy"]!.keys), ["mean", "std", "min", "max", "n"])
    }

    func test_resultsFile_createsNothingInTheTemporaryFolder() throws {
        guard let sim = SimProcess() else { throw XCTSkip("sim binary not built") }
        let temporary = folder.file("tmp"), results = folder.file("results")
        for path in [temporary, results] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }
        let scenario = SimBinary.repositoryRoot.appendingPathComponent("Scenarios/quickstart.json5").path
        for _ in 0..<2 { // the second run replaces an existing results file
            let result = try sim.run(["run", scenario, "--policy", "random", "--set", "episodes=1", "--out", results + "/r.json"],
                                     environment: ["TMPDIR": temporary + "/"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results), ["r.json"])
    }

    func test_traceLines_parseAsJSON_inKeyOrder_withDesignKindNames() throws {
        let result = try run(["run", "Scenarios/quickstart.json5", "--policy", "dispatch", "--set", "episodes=1", "--set", "horizon=4",
                              "--trace", "-", "--trace-kinds", "worldTick,globalObserve,globalStep,policyStep"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(lines.count, 1 + 3 * 4)
        let kinds = lines.map { $0?["kind"] as? String ?? "?" }
        XCTAssertEqual(Array(kinds.prefix(4)), ["worldTick", "globalObserve", "globalStep", "policyStep"])
        let times = lines.map { $0?["t"] as? Double ?? -1 }
        XCTAssertEqual(times, times.sorted())
        XCTAssertTrue(lines.allSatisfy { $0?["seq"] is Int && $0?.keys.contains("agent") == true })
    }

    func test_badInputs_exitTwo_withOneLineNamingFileAndField() throws {
        let cases: [(String, String)] = [
            ("{ name: 'x', horizon: 5 6 }", "bad.json5:1:"),
            ("{ name: 'x', horizon: 'ten', world: { kind: 'ring-zones' }, policies: { r: { kind: 'random' } } }", "horizon"),
            ("{ name: 'x', horizn: 3, world: { kind: 'ring-zones' }, policies: { r: { kind: 'random' } } }", "did you mean 'horizon'"),
            ("{ name: 'x', world: { kind: 'ring-zones', localAgents: 5 }, observation: { k: 6 }, policies: { r: { kind: 'random' } } }", "observation.k"),
            ("{ name: 'x', world: { kind: 'ring-zones', localAgents: -3 }, policies: { r: { kind: 'random' } } }", "world.localAgents"),
        ]
        for (text, expected) in cases {
            let file = folder.write("bad.json5", text)
            let result = try run(["run", file])
            XCTAssertEqual(result.status, 2, text)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains(file), result.stderr)
            XCTAssertTrue(result.stderr.contains(expected), "\(expected) in \(result.stderr)")
        }
        let missing = try run(["run", folder.file("absent.json5")])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("absent.json5: cannot read the scenario file: no such file"), missing.stderr)
    }

    func test_validate_reportsEachFile() throws {
        let bad = folder.write("bad.json5", "{ name: 1 }")
        let result = try run(["validate", "Scenarios/quickstart.json5", bad])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.contains("ok Scenarios/quickstart.json5"))
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
    }

    func test_listAndHelp() throws {
        let worlds = try run(["list", "worlds"])
        XCTAssertTrue(worlds.stdout.contains("ring-zones"))
        let policies = try run(["list", "policies"])
        XCTAssertTrue(policies.stdout.contains("mode-dispatch"))
        for command in ["run", "validate", "list"] {
            let help = try run([command, "--help"])
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.hasPrefix("Usage: sim \(command)"), help.stdout)
        }
        XCTAssertEqual(try run(["frobnicate"]).status, 2)
    }
}
