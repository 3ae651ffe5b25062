import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Constraints between fields that a policy or learner needs are checked while validating (exit 2 with
/// file, line, field, value and a fix), never left to a precondition that stops the process; resource
/// estimates follow the schedule and only the policies about to run.
final class CrossFieldValidationTests: XCTestCase {
    static let ringZones = """
    {
      name: "constraints", horizon: 10, episodes: 2,
      gamma: 0.9,
      world: { kind: "ring-zones", localAgents: 100, zones: 5 },
      observation: { k: 3 },
      policies: { base: { kind: "random" }, learned: { kind: "KIND" } },
    }
    """

    func load(_ text: String, limits: ResourceLimits = .machine, selected: Set<String>? = nil) throws -> Scenario {
        try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "c.json5"), limits: limits, selected: selected)
    }

    func issue(_ text: String, limits: ResourceLimits = .machine, selected: Set<String>? = nil,
               file: StaticString = #filePath, line: UInt = #line) -> ScenarioIssue? {
        do {
            _ = try load(text, limits: limits, selected: selected)
            XCTFail("loaded", file: file, line: line)
        } catch ScenarioError.invalid(let issue) {
            return issue
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    func testGammaOneIsRejectedByValidation() throws {
        for kind in ["g-learn", "alternating-marl", "subsample-mfq"] {
            let text = Self.ringZones.replacingOccurrences(of: "KIND", with: kind).replacingOccurrences(of: "gamma: 0.9", with: "gamma: 1")
            let found = try XCTUnwrap(issue(text), kind)
            XCTAssertEqual(found.path, "gamma", kind)
            XCTAssertEqual(found.line, 3, kind)
            XCTAssertEqual(found.value, "1", kind)
            XCTAssertTrue(found.message.contains("policies.learned (\(kind))") && found.message.contains("gamma < 1"), found.message)
            XCTAssertNotNil(found.hint)
        }
    }

    func testGammaOneIsRejectedByValidation_inEveryWorldWithLearners() throws {
        for name in ["ring-zones-train.json5", "robots-continuous-train.json5", "fedopt.json5"] {
            let file = RepositoryFiles.root.appendingPathComponent("Scenarios/" + name).path
            XCTAssertThrowsError(try Scenario.load(file: file, overrides: [try Override.parse("gamma=1")]), name) { error in
                XCTAssertEqual((error as? ScenarioError)?.path, "gamma", "\(name): \(error)")
            }
        }
    }

    /// Fault: `--set horizon=5` on a time-series scenario validated and then ran the full 200 rounds
    /// (a CI smoke run of ts-massive took seven minutes): worlds that take their episode length from a
    /// world field refuse `horizon`, naming that field.
    func testHorizonIsRefusedByWorldsThatDoNotReadIt() throws {
        for (name, field) in [("ts-logistic.json5", "world.rounds"), ("ts-csv-small.json5", "world.length")] {
            let file = RepositoryFiles.root.appendingPathComponent("Scenarios/" + name).path
            XCTAssertThrowsError(try Scenario.load(file: file, overrides: [try Override.parse("horizon=5")]), name) { error in
                XCTAssertEqual((error as? ScenarioError)?.path, "horizon", "\(name): \(error)")
                XCTAssertTrue("\(error)".contains(field), "\(name): \(error)")
            }
            XCTAssertNoThrow(try Scenario.load(file: file), name)
        }
        for name in ["quickstart.json5", "robots-continuous.json5", "fedopt.json5"] {
            let file = RepositoryFiles.root.appendingPathComponent("Scenarios/" + name).path
            let scenario = try Scenario.load(file: file, overrides: [try Override.parse("horizon=5")])
            XCTAssertEqual(scenario.header.horizon, 5, name)
        }
    }

    func testGammaOneIsAcceptedWhenNoLearnerRuns() throws {
        let text = Self.ringZones.replacingOccurrences(of: "KIND", with: "g-learn").replacingOccurrences(of: "gamma: 0.9", with: "gamma: 1")
        XCTAssertNoThrow(try load(text, selected: ["base"]))
    }

    func testScheduleEveryNanosecondIsRefusedNamingTheField() throws {
        let text = Self.ringZones.replacingOccurrences(of: "KIND", with: "random")
            .replacingOccurrences(of: "gamma: 0.9,", with: "gamma: 0.9, schedule: { policyStep: { every: 1e-9 } },")
        let found = try XCTUnwrap(issue(text, limits: ResourceLimits(memoryBytes: 0x1p30, origin: "1 GiB")))
        XCTAssertEqual(found.path, "schedule.policyStep")
        XCTAssertTrue(found.message.contains("one per policyStep event"), found.message)
        // The same schedule on the continuous robots.
        let robots = RepositoryFiles.root.appendingPathComponent("Scenarios/robots-continuous.json5").path
        XCTAssertThrowsError(try Scenario.load(file: robots, overrides: [try Override.parse("schedule.policyStep.every=1e-9")],
                                               limits: ResourceLimits(memoryBytes: 0x1p30, origin: "1 GiB"))) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "schedule.policyStep", "\(error)")
        }
    }

    func testUnknownScheduleKeyIsAnError() throws {
        let text = Self.ringZones.replacingOccurrences(of: "KIND", with: "random")
            .replacingOccurrences(of: "gamma: 0.9,", with: "gamma: 0.9, schedule: { polcyStep: { poisson: 0.5 } },")
        let found = try XCTUnwrap(issue(text))
        XCTAssertEqual(found.path, "schedule.polcyStep")
        XCTAssertTrue(found.message.contains("unknown event kind"), found.message)
        XCTAssertTrue(found.hint?.contains("did you mean 'policyStep'?") ?? false, found.hint ?? "")
        // A priority on a built-in kind would be ignored: an error too.
        let priority = Self.ringZones.replacingOccurrences(of: "KIND", with: "random")
            .replacingOccurrences(of: "gamma: 0.9,", with: "gamma: 0.9, schedule: { policyStep: { every: 1, priority: 3 } },")
        XCTAssertEqual(issue(priority)?.path, "schedule.policyStep.priority")
        // A declared custom kind is accepted.
        let custom = Self.ringZones.replacingOccurrences(of: "KIND", with: "random")
            .replacingOccurrences(of: "gamma: 0.9,", with: "gamma: 0.9, schedule: { audit: { poisson: 0.5, custom: true } },")
        XCTAssertNoThrow(try load(custom))
    }

    func testLimitsAreCheckedOnlyForThePoliciesBeingRun() throws {
        // 2000 clients: nash-n's stacked systems need gigabytes, memoa a few megabytes.
        let text = """
        {
          name: "ts", episodes: 1,
          world: { kind: "logistic", rounds: 10, clients: 2000, encoder: { kind: "esn", latentWidth: 3 } },
          policies: { memoa: { kind: "memoa", window: 3 }, "nash-n": { kind: "nash-n", window: 3 } },
        }
        """
        let limits = ResourceLimits(memoryBytes: 0x1p30, origin: "1 GiB")
        XCTAssertEqual(issue(text, limits: limits)?.path, "policies.nash-n")
        XCTAssertNoThrow(try load(text, limits: limits, selected: ["memoa"]))
        XCTAssertEqual(issue(text, limits: limits, selected: ["nash-n"])?.path, "policies.nash-n")
        // Tabular: a count-vector table for k = 60 over 12 zones only matters when its policy runs.
        let tabular = Self.ringZones.replacingOccurrences(of: "KIND", with: "g-learn")
            .replacingOccurrences(of: "zones: 5", with: "zones: 12").replacingOccurrences(of: "k: 3", with: "k: 60")
        XCTAssertEqual(issue(tabular, limits: limits)?.path, "observation.k")
        XCTAssertNoThrow(try load(tabular, limits: limits, selected: ["base"]))
    }
}
