import Engine
import Foundation
@testable import Scenarios
import SimTestSupport
import XCTest

/// Numerically impossible settings are refused while validating, naming the field; a metric that
/// still becomes infinite or NaN at run time is a runtime error naming the policy and the step; a CSV
/// data file's faults blame the field that names the column or the file.
final class NumericRangeTests: XCTestCase {
    func path(_ file: String, _ sets: [String], file line: StaticString = #filePath, at number: UInt = #line) -> String? {
        let scenario = RepositoryFiles.root.appendingPathComponent("Scenarios/" + file).path
        do {
            _ = try Scenario.load(file: scenario, overrides: try sets.map(Override.parse))
            XCTFail("\(sets) loaded", file: line, line: number)
        } catch {
            return (error as? ScenarioError)?.path
        }
        return nil
    }

    func testNumericallyImpossibleSettingsAreRangeValidated() throws {
        XCTAssertEqual(path("ts-periodic.json5", ["world.cost.alpha=50"]), "world.cost.alpha")
        XCTAssertEqual(path("ts-periodic.json5", ["policies.memoa.alpha=50"]), "policies.memoa.alpha")
        XCTAssertEqual(path("ts-periodic.json5", ["policies.greedy.alpha=50"]), "policies.greedy.alpha")
        XCTAssertEqual(path("ts-periodic.json5", ["world.mixture.eta=1e308"]), "world.mixture.eta")
        XCTAssertEqual(path("ts-regime-switch.json5", ["world.drift=1e308"]), "world.drift")
        XCTAssertEqual(path("ts-regime-switch.json5", ["world.coefficients=[2, 0.5, 0.3]"]), "world.coefficients[0]")
        XCTAssertEqual(path("ts-periodic.json5", ["world.levels=[1e308]"]), "world.levels[0]")
        XCTAssertEqual(path("quickstart.json5", ["world.matchReward=1e308"]), "world.matchReward")
        XCTAssertEqual(path("quickstart.json5", ["world.actionBonus=[0, 1e300, 0]"]), "world.actionBonus[1]")
        XCTAssertEqual(path("robots-continuous.json5", ["world.localRewardScale=1e308"]), "world.localRewardScale")
        XCTAssertEqual(path("robots-continuous.json5", ["world.moveCost=-1e308"]), "world.moveCost")
        // Still accepted: the shipped values and moderate ones.
        let periodic = RepositoryFiles.root.appendingPathComponent("Scenarios/ts-periodic.json5").path
        XCTAssertNoThrow(try Scenario.load(file: periodic, overrides: [try Override.parse("world.cost.alpha=10")]))
    }

    func testNonFiniteMetricIsARuntimeErrorNamingPolicyAndStep() throws {
        var series = StepSeries(name: "reward")
        series.record(1, at: 0)
        series.record(.infinity, at: 3)
        series.record(.nan, at: 4)
        let outcome = RunOutcome(metrics: [("discountedReturn", RunningStats([1, 2]))], series: [series], events: 3,
                                 simulatedTime: 5, stopped: false, wallSeconds: 0)
        XCTAssertThrowsError(try outcome.checkFinite(policy: "dispatch")) { error in
            XCTAssertEqual(error as? NonFiniteMetricError, NonFiniteMetricError(policy: "dispatch", metric: "reward", time: 3, value: .infinity))
            XCTAssertEqual("\(error)".hasPrefix("policy 'dispatch': reward became inf at step t = 3;"), true, "\(error)")
        }
        let summary = RunOutcome(metrics: [("discountedReturn", RunningStats([1, .nan]))], series: [], events: 3,
                                 simulatedTime: 5, stopped: false, wallSeconds: 0)
        XCTAssertThrowsError(try summary.checkFinite(policy: "p")) { error in
            XCTAssertEqual((error as? NonFiniteMetricError)?.metric, "discountedReturn")
        }
        // A metric without observations is no value at all, not a non-finite one.
        let empty = RunOutcome(metrics: [("simulatedTimeToTarget", RunningStats())], series: [], events: 0,
                               simulatedTime: 0, stopped: false, wallSeconds: 0)
        XCTAssertNoThrow(try empty.checkFinite(policy: "p"))
    }

    func testCSVDuplicateHeaderBlamesTheRightField() throws {
        let folder = makeTemporaryDirectory()
        folder.write("d.csv", "a,b,b\n1,2,3\n4,5,6\n7,8,9\n")
        let scenario = """
        { name: "dup", world: { kind: "csv", path: "d.csv", target: "a", inputs: [{ columns: ["COLUMN"], lags: [0] }], length: 1, clients: 2 },
          policies: { g: { kind: "greedy" } } }
        """
        func issue(_ column: String) -> ScenarioIssue? {
            let file = folder.write("s.json5", scenario.replacingOccurrences(of: "COLUMN", with: column))
            do { _ = try Scenario.load(file: file) } catch ScenarioError.invalid(let issue) { return issue } catch { XCTFail("\(error)") }
            return nil
        }
        let duplicate = try XCTUnwrap(issue("b"))
        XCTAssertEqual(duplicate.path, "world.path")
        XCTAssertEqual(duplicate.line, 1)
        XCTAssertTrue(duplicate.message.contains("the header names column 'b' twice (fields 2 and 3)"), duplicate.message)
        let missing = try XCTUnwrap(issue("c"))
        XCTAssertEqual(missing.path, "world.inputs[0]", "a missing input column is not the target's fault")
        XCTAssertNil(issue("a"))
    }
}
