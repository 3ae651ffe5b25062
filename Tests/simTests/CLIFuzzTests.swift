import Foundation
import SimTestSupport
import XCTest

/// A short seeded sample of the command-line fuzz campaign (Tests/fuzz/cli-fuzz.sh runs 20,000 mutants
/// on the release build): no crash, no hang, exits only in {0, 1, 2, 130}, a message on every failure,
/// and no input file changed. Training scenarios are left out of runs here (slow in debug builds).
final class CLIFuzzTests: XCTestCase {
    func testSeededCommandLineMutantsNeverCrashHangOrTouchInputs() throws {
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let repository = RepositoryFiles.root
        let mutator = CLIMutator(seed: 20_261_205, scenarios: try CLIFuzzWorkspace.scenarios(repository: repository), allowTraining: false)
        XCTAssertEqual(mutator.targets.count, RepositoryFiles.scenarioFiles().count, "every shipped scenario is a target")
        let campaign = CLIFuzzCampaign(mutator: mutator, sim: sim.executable, timeout: 60)
        try campaign.run(0..<60, jobs: 2, repository: repository)
        print(campaign.summary())
        for outcome in campaign.faults {
            XCTFail("\(outcome.fault!): \(outcome.mutant.label): \(outcome.stderr.prefix(300))")
        }
        XCTAssertEqual(campaign.changedInputs, [])
        XCTAssertEqual(campaign.outcomes.count, 60)
    }

    func testMutantsAreAPureFunctionOfSeedAndIndex() throws {
        let scenarios = try CLIFuzzWorkspace.scenarios(repository: RepositoryFiles.root)
        let a = CLIMutator(seed: 3, scenarios: scenarios), b = CLIMutator(seed: 3, scenarios: scenarios)
        for index in [0, 1, 17, 999] {
            XCTAssertEqual(a.mutant(index).arguments, b.mutant(index).arguments)
            XCTAssertEqual(a.mutant(index).input, b.mutant(index).input)
        }
        let commands = Set((0..<400).map { a.mutant($0).command })
        XCTAssertTrue(commands.isSuperset(of: ["validate", "run", "compare", "step", "sweep", "train", "merge", "bench"]), "\(commands)")
    }
}
