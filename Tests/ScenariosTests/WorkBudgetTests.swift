import Foundation
import SimTestSupport
import Scenarios
import XCTest

/// A run is stopped between events, so one event that computes for minutes cannot be interrupted: the
/// fuzz campaign found single events of that kind (a stacked nash-n game over 256 clients, echo-state
/// encoders of width 256 under nash-n, a memoa window of 10,000 rounds). Validation refuses them with
/// the field, the estimate and `SIM_WORK_LIMIT`.
final class WorkBudgetTests: XCTestCase {
    private static let budget = ResourceLimits(memoryBytes: 64 * 0x1p30, origin: "a 64 GiB test budget")

    private func issue(_ scenario: String, _ sets: [String], limits: ResourceLimits = budget,
                       file: StaticString = #filePath, line: UInt = #line) throws -> ScenarioIssue? {
        let path = RepositoryFiles.root.appendingPathComponent("Scenarios/\(scenario)").path
        let started = Date()
        defer { XCTAssertLessThan(Date().timeIntervalSince(started), 1, "must fail fast", file: file, line: line) }
        do {
            _ = try Scenario.load(file: path, overrides: try sets.map(Override.parse), limits: limits)
        } catch ScenarioError.invalid(let issue) {
            return issue
        }
        return nil
    }

    func test_nashNOver256Clients_isRefusedAtThePolicy() throws {
        let issue = try XCTUnwrap(try issue("ts-periodic.json5", ["world.clients=256"]))
        XCTAssertEqual(issue.path, "policies.fedmoe")
        XCTAssertTrue(issue.message.contains("N = 256 clients"), issue.message)
        XCTAssertTrue(issue.hint?.contains("SIM_WORK_LIMIT sets the budget") == true, issue.hint ?? "no hint")
        XCTAssertTrue(issue.message.contains("5e+09 allowed (the default)"), issue.message)
    }

    func test_tsPeriodicLatentWidth256_underNashN_isRefused() throws {
        let issue = try XCTUnwrap(try issue("ts-periodic.json5", ["world.encoder.latentWidth=256"]))
        XCTAssertEqual(issue.path, "policies.fedmoe")
        // Without the nash-n policy, the same width is cheap.
        XCTAssertNil(try self.issue("ts-periodic.json5", ["world.encoder.latentWidth=256", "policies.fedmoe={kind:\"greedy\"}"]))
    }

    func test_memoaWindowOf10000_isRefusedAtTheWindow() throws {
        let issue = try XCTUnwrap(try issue("ts-periodic.json5", ["policies.memoa.window=10000", "world.rounds=20000"]))
        XCTAssertEqual(issue.path, "policies.memoa.window")
    }

    func test_monteCarloSamples_areCharged() throws {
        let issue = try XCTUnwrap(try issue("ts-periodic.json5", ["policies.memoa.mcSamples=1000000", "policies.memoa.window=100"]))
        XCTAssertEqual(issue.path, "policies.memoa.mcSamples")
    }

    func test_fedoptRound_isChargedAtTheDimension() throws {
        var limits = Self.budget
        limits.maxWork = 1e6
        let issue = try XCTUnwrap(try issue("fedopt.json5", ["world.dimension=65536"], limits: limits))
        XCTAssertEqual(issue.path, "world.dimension")
        XCTAssertNil(try self.issue("fedopt.json5", [], limits: limits))
    }

    func test_SIM_WORK_LIMIT_setsTheBudget() throws {
        let limits = ResourceLimits.detect(environment: ["SIM_MEMORY_LIMIT": "64G", "SIM_WORK_LIMIT": "1e12"])
        XCTAssertEqual(limits.maxWork, 1e12)
        XCTAssertEqual(limits.workOrigin, "SIM_WORK_LIMIT=1e12")
        XCTAssertEqual(ResourceLimits.detect(environment: ["SIM_WORK_LIMIT": "lots"]).maxWork, 5e9)
        XCTAssertNil(try issue("ts-periodic.json5", ["world.encoder.latentWidth=256"], limits: limits))
    }

    func test_everyShippedScenario_fitsTheDefaultBudget() throws {
        for file in RepositoryFiles.scenarioFiles() {
            XCTAssertNoThrow(try Scenario.load(file: file.path, limits: Self.budget), file.lastPathComponent)
        }
    }
}
