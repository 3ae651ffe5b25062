import XCTest
@testable import sim

/// `--shard auto`: the shard from `SIM_SHARD` or Slurm's job-array variables, and exit-2 errors that
/// say what was found when there is none or they disagree.
final class ShardChoiceTests: XCTestCase {
    private func resolve(_ environment: [String: String]) throws -> (index: Int, count: Int) {
        try ShardChoice.auto.resolve(environment: environment)
    }

    private func slurm(id: Int, min: Int, count: Int, max: Int? = nil) -> [String: String] {
        var environment = ["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_COUNT": "\(count)",
                           "SLURM_ARRAY_TASK_STEP": "1"]
        if let max { environment["SLURM_ARRAY_TASK_MAX"] = "\(max)" }
        return environment
    }

    func test_auto_readsSimShard() throws {
        let shard = try resolve(["SIM_SHARD": "3/8"])
        XCTAssertEqual(shard.index, 3)
        XCTAssertEqual(shard.count, 8)
    }

    func test_auto_readsSlurmArray_fromOneOrZero() throws {
        let one = try resolve(slurm(id: 3, min: 1, count: 8, max: 8))
        XCTAssertEqual([one.index, one.count], [3, 8])
        let zero = try resolve(slurm(id: 0, min: 0, count: 8, max: 7))
        XCTAssertEqual([zero.index, zero.count], [1, 8], "--array=0-7: task 0 is shard 1")
        let offset = try resolve(slurm(id: 12, min: 10, count: 4))
        XCTAssertEqual([offset.index, offset.count], [3, 4])
    }

    func test_auto_bothSetAndAgreeing_isThatShard() throws {
        var environment = slurm(id: 2, min: 1, count: 3)
        environment["SIM_SHARD"] = "2/3"
        let shard = try resolve(environment)
        XCTAssertEqual([shard.index, shard.count], [2, 3])
    }

    func test_auto_errors_sayWhatWasFound() {
        func message(_ environment: [String: String]) -> String {
            do {
                _ = try resolve(environment)
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(message([:]).contains("no shard in the environment; set SIM_SHARD=i/N"), message([:]))
        XCTAssertTrue(message(["SIM_SHARD": ""]).contains("no shard in the environment"), "an empty variable counts as unset")
        var disagree = slurm(id: 2, min: 1, count: 3)
        disagree["SIM_SHARD"] = "1/3"
        XCTAssertTrue(message(disagree).contains("SIM_SHARD=1/3 disagrees with the Slurm array, which makes this shard 2/3"), message(disagree))
        XCTAssertTrue(message(["SIM_SHARD": "4/3"]).contains("SIM_SHARD='4/3' is not i/N"), message(["SIM_SHARD": "4/3"]))
        let partial = ["SLURM_ARRAY_TASK_ID": "2"]
        XCTAssertTrue(message(partial).contains("SLURM_ARRAY_TASK_ID set but SLURM_ARRAY_TASK_MIN is not"), message(partial))
        XCTAssertTrue(message(slurm(id: 9, min: 1, count: 3)).contains("do not make a shard"), message(slurm(id: 9, min: 1, count: 3)))
        XCTAssertTrue(message(slurm(id: 3, min: 1, count: 3, max: 5)).contains("has gaps"), "--array=1,3,5")
        var stepped = slurm(id: 3, min: 1, count: 3)
        stepped["SLURM_ARRAY_TASK_STEP"] = "2"
        XCTAssertTrue(message(stepped).contains("steps by 2"), message(stepped))
        var word = slurm(id: 1, min: 1, count: 3)
        word["SLURM_ARRAY_TASK_COUNT"] = "three"
        XCTAssertTrue(message(word).contains("SLURM_ARRAY_TASK_COUNT='three' is not a whole number"), message(word))
    }

    func test_fixedShard_ignoresTheEnvironment() throws {
        let shard = try ShardChoice.fixed(index: 1, count: 2).resolve(environment: ["SIM_SHARD": "2/2"])
        XCTAssertEqual([shard.index, shard.count], [1, 2])
    }

    /// The command exits 2 when `auto` finds nothing, before any run.
    func test_sweepWithAutoAndNoShard_exits2() throws {
        var command = SweepCommand(options: try SweepOptions(ArgumentTokens(
            [CLIHarness.quickstart, "--set", "episodes=1", "--seeds", "1", "--shard", "auto"],
            command: "sweep", valued: SweepOptions.valued, flags: SweepOptions.flags)))
        command.environment = [:]
        var console = Console.capture
        XCTAssertThrowsError(try command.execute(console: &console)) { error in
            XCTAssertTrue(error is CLIError, "\(error)")
        }
        XCTAssertEqual(console.capturedOut, "", "nothing ran")
    }
}
