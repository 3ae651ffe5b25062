import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// An end-to-end sample of the scenario fuzz campaign through the built `sim` binary:
/// `sim validate` on each mutant, and `sim run` on the small ones, must exit 0 or 2 — never
/// 1, never a signal — and on failure print one line per problem on stderr (`run` stops at the first;
/// `validate` lists every problem of the file).
final class SimBinaryFuzzTests: XCTestCase {
    static let sample = 100
    static let environment = ["SIM_MEMORY_LIMIT": "64M", "SIM_EVENT_LIMIT": "1e6"]

    func test_sampleOfMutants_exitZeroOrTwo_withOneLineOnStderr() throws {
        try LongTest.require()
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        // Files that load large data sets are fuzzed in-process only (each load takes about a second).
        let corpus = try FuzzCorpus(seed: 61, total: 10_000, cost: Self.baseLoadSeconds)
        let light = corpus.plan.filter { corpus.quotas[$0.entry] > 100 }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var exits: [Int32: Int] = [:], runs = 0
        for (index, item) in light.prefix(Self.sample).enumerated() {
            let (entry, mutant, label) = corpus.mutant(entry: item.entry, index: item.mutant)
            let file = folder.appendingPathComponent("m\(index).json5")
            try Data(mutant.bytes).write(to: file)
            let validated = try sim.run(["validate", file.path], environment: Self.environment, timeout: 30)
            check(validated, label: "validate " + label, severalLines: true)
            exits[validated.status, default: 0] += 1
            // Runs only what is cheap: the in-process load says how big the world is.
            // A mutant lives in a temporary folder, away from the scripts an external policy runs.
            guard validated.status == 0, !Self.startsProcesses(entry), let scenario = try? Scenario.load(file: file.path),
                  Self.isCheap(scenario) else { continue }
            runs += 1
            let out = folder.appendingPathComponent("m\(index).results.json")
            let ran = try sim.run(["run", file.path, "--out", out.path, "--no-timing"], environment: Self.environment, timeout: 60)
            check(ran, label: "run " + label)
        }
        print("sim binary fuzz sample: \(Self.sample) validated (exits \(exits.sorted { $0.key < $1.key })), \(runs) run")
        XCTAssertGreaterThan(exits[0, default: 0], 0, "no mutant validated")
        XCTAssertGreaterThan(exits[2, default: 0], 0, "no mutant rejected")
    }

    func check(_ result: SimProcess.Result, label: String, severalLines: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.signaled, "\(label): killed by a signal: \(result.stderr.prefix(500))", file: file, line: line)
        XCTAssertTrue([0, 2].contains(result.status), "\(label): exit \(result.status): \(result.stderr.prefix(500))", file: file, line: line)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        if result.status == 2 {
            if severalLines {
                XCTAssertFalse(lines.isEmpty, "\(label): no error printed", file: file, line: line)
                XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("Error: ") }, "\(label): \(result.stderr.prefix(500))", file: file, line: line)
            } else {
                XCTAssertEqual(lines.count, 1, "\(label): stderr is not one line: \(result.stderr.prefix(500))", file: file, line: line)
            }
        } else if result.status == 0 {
            XCTAssertEqual(lines.count, 0, "\(label): stderr on success: \(result.stderr.prefix(500))", file: file, line: line)
        }
    }

    static func isCheap(_ scenario: Scenario) -> Bool {
        if let world = scenario.world as? TabularScenarioWorld {
            guard world.trainablePolicyNames.isEmpty else { return false }  // training takes minutes in debug
            let steps = Double(world.episodes) * Double(world.config.horizon) * Double(scenario.policyNames.count)
            return steps * Double(world.config.agents) <= 1e6
        }
        if let world = scenario.world as? TimeSeriesScenarioWorld {
            return Double(world.episodes * world.rounds * world.setup.clients * scenario.policyNames.count) <= 2e4
        }
        return false
    }

    /// Whether the corpus file has an external policy, whose command names a script beside it.
    static func startsProcesses(_ entry: FuzzCorpus.Entry) -> Bool {
        entry.text.contains("\"external\"")
    }

    static func baseLoadSeconds(_ entry: FuzzCorpus.Entry) -> Double {
        let started = Date()
        _ = try? Scenario(source: ScenarioSource(data: Data(entry.text.utf8), file: entry.name, directory: entry.directory))
        return Date().timeIntervalSince(started)
    }
}
