import Agents
import Engine
import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// The `alternating-marl` options: `model`, `kernelEpisodes`, `planning`, `temperature`, `starts`,
/// `select` — read, validated with field paths, and effective in training.
final class LearnerOptionsTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func load(overrides: [String] = []) throws -> Scenario {
        try Scenario.load(file: folder.write("s.json5", TrainedPolicyFileTests.tiny), overrides: overrides.map(Override.parse))
    }

    private func train(_ policy: String, overrides: [String]) throws -> TrainedPolicyFile {
        let world = try XCTUnwrap(try load(overrides: overrides).world as? TabularScenarioWorld)
        return try world.train(policy: policy, progress: { _ in })
    }

    func test_badSettings_failWithTheFieldPath() throws {
        let cases: [([String], String)] = [
            (["policies.amarl.temperature='greedyy'"], "policies.amarl.temperature: unknown value, got \"greedyy\" (did you mean 'greedy'?"),
            (["policies.amarl.temperature={min: 0.3, scal: 3}"], "policies.amarl.temperature.scal: unknown key"),
            (["policies.amarl.temperature=3"], "policies.amarl.temperature: expected \"greedy\" or { min, scale }"),
            (["policies.amarl.model='jiont'"], "did you mean 'joint'"),
            (["policies.amarl.kernelEpisodes=10"], "policies.amarl.kernelEpisodes: only the joint model"),
            (["policies.amarl.planning='finite'"], "policies.amarl.planning: unknown value"),
            (["policies.amarl.starts=[]"], "policies.amarl.starts: expected a non-empty list"),
            (["policies.amarl.starts=['uniform', 'folow']"], "policies.amarl.starts[1]: unknown starting local policy, got \"folow\" (did you mean 'follow'?"),
            (["policies.amarl.starts=[{file: 'missing.json'}]"], "cannot read the policy file"),
            (["policies.amarl.select='nash'"], "policies.amarl.select: unknown value"),
        ]
        for (overrides, expected) in cases {
            XCTAssertThrowsError(try load(overrides: overrides), "\(overrides)") { error in
                XCTAssertTrue("\(error)".contains(expected), "\(overrides): \(error)")
            }
        }
    }

    func test_jointModel_isRefusedOnAnAbstraction() throws {
        let file = SimBinary.repositoryRoot.appendingPathComponent("Scenarios/robots-continuous-train.json5").path
        XCTAssertThrowsError(try Scenario.load(file: file, overrides: [Override.parse("policies.amarl.model=joint")])) { error in
            XCTAssertTrue("\(error)".contains("policies.amarl.model: this world is learned on a tabular abstraction"), "\(error)")
        }
    }

    func test_startsFromAFileAndARule_areLoggedAndTheBestIsKept() throws {
        let first = try train("amarl", overrides: [])
        folder.write("start.json", first.rendered())
        let trained = try train("amarl", overrides: ["policies.amarl.starts=['stay', {file: 'start.json'}]",
                                                     "policies.amarl.temperature='greedy'", "policies.amarl.model='joint'",
                                                     "policies.amarl.kernelEpisodes=50"])
        let starts = trained.log.map { $0.components(separatedBy: ",")[0] }
        XCTAssertEqual(starts.first, "start stay")
        XCTAssertTrue(starts.contains("start start.json"), "\(trained.log)")
        // Greedy: every local row is one-hot.
        XCTAssertTrue(trained.localTable.allSatisfy { $0 == 0 || $0 == 1 })
        let values = trained.log.compactMap { line in
            line.range(of: "value ").flatMap { Double(line[$0.upperBound...].prefix { $0 != "," }) }
        }
        XCTAssertEqual(trained.value, values.max())
    }
}
