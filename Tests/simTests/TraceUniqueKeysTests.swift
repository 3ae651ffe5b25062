import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Every trace line of every shipped scenario, under every policy, is one JSON object whose keys are
/// all different: a repeated key (fedopt-async's `worldTick` once noted `"started"` once per job) keeps
/// only one value in most JSON parsers, so it silently loses data. Runs are cut to a few steps.
final class TraceUniqueKeysTests: XCTestCase {
    func testTraceLinesHaveNoDuplicateKeys() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        var lines = 0, traced = 0
        for file in RepositoryFiles.scenarioFiles() {
            guard let (small, scenario) = Self.smallScenario(file) else { continue }
            traced += 1
            for policy in scenario.policyNames where !Self.slowTraining.contains("\(file.lastPathComponent) \(policy)") {
                let trace = folder.appendingPathComponent("trace.jsonl")
                let run = CLIHarness.run(["run", file.path, "--policy", policy, "--no-progress", "--trace", trace.path,
                                          "--trace-kinds", scenario.world.eventKinds.map(\.name).joined(separator: ",")]
                                         + small.flatMap { ["--set", $0] })
                XCTAssertEqual(run.status, 0, "\(file.lastPathComponent) \(policy): \(run.err)")
                let text = (try? String(contentsOf: trace, encoding: .utf8)) ?? ""
                for (number, line) in text.split(separator: "\n").enumerated() {
                    lines += 1
                    XCTAssertNoThrow(try StrictJSON.check(String(line)), "\(file.lastPathComponent) \(policy) line \(number + 1): \(line)")
                }
            }
        }
        XCTAssertGreaterThan(lines, 500, "the scenarios should trace something")
        XCTAssertEqual(traced, RepositoryFiles.scenarioFiles().count, "every scenario is traced")
    }

    /// The strict reader refuses what the trace test must catch, and accepts ordinary lines.
    func testStrictJSONRefusesRepeatedKeys() {
        XCTAssertNoThrow(try StrictJSON.check(#"{"t":1,"started":[3,4],"x":{"a":1,"b":[{"a":2}]}}"#))
        XCTAssertThrowsError(try StrictJSON.check(#"{"t":1,"started":3,"started":4}"#))
        XCTAssertThrowsError(try StrictJSON.check(#"{"x":{"a":1,"\u0061":2}}"#))
        XCTAssertThrowsError(try StrictJSON.check(#"{"t":1,}"#))
    }

    /// One episode of a few steps: the first of the settings that the scenario accepts. A time-series
    /// scenario with more than 100 clients (ts-massive has 10^6 and samples k = 100) is cut to 100; the
    /// scenarios with `nash-n`, which solves the stacked N-player game in O((N d)^3) a step, have fewer.
    static func smallScenario(_ file: URL) -> ([String], Scenario)? {
        for small in [["episodes=1", "world.rounds=20"], ["episodes=1", "world.length=20"], ["episodes=1", "horizon=8"]] {
            guard let scenario = try? Scenario.load(file: file.path, overrides: try small.map(Override.parse)) else { continue }
            if let series = scenario.world as? TimeSeriesScenarioWorld, series.setup.clients > 100 {
                let fewer = small + ["world.clients=100"]
                return (try? Scenario.load(file: file.path, overrides: try fewer.map(Override.parse))).map { (fewer, $0) }
            }
            return (small, scenario)
        }
        return nil
    }

    /// Learned policies whose training takes seconds in a debug build. Their runs step through the
    /// same tabular-policy code as the cheap ones of their world, and fedopt's learned policies keep
    /// the trained path covered.
    /// Policies run by an external Python process are skipped too (`swift test` never needs Python).
    static let slowTraining: Set<String> = ["ring-zones-k-sweep.json5 amarl", "ring-zones-train.json5 amarl",
                                            "ring-zones-train.json5 glearn", "ring-zones-train.json5 amarl-joint", "robots-continuous-train.json5 glearn-follow",
                                            "robots-continuous-train.json5 amarl",
                                            "external-policies.json5 python-dispatch", "external-policies.json5 python-q",
                                            "external-policies.json5 python-locals"]
}
