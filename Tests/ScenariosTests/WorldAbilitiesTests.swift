import Scenarios
import SimTestSupport
import XCTest

/// What each shipped world answers when a command asks for an optional ability: the answers the
/// commands act on, now that none of them tests a world's type.
final class WorldAbilitiesTests: XCTestCase {
    func load(_ name: String) throws -> Scenario {
        try Scenario.load(file: SimBinary.repositoryRoot.appendingPathComponent("Scenarios/" + name).path)
    }

    func test_episodeLength_isTheWorldsOwn() throws {
        XCTAssertEqual(try load("quickstart.json5").stepsPerEpisode, 50)
        let series = try load("ts-logistic.json5")
        XCTAssertEqual(series.world.episodeLengthField, "world.rounds")
        XCTAssertEqual(series.stepsPerEpisode, series.world.stepsPerEpisode(horizon: 1))
        XCTAssertNotEqual(series.stepsPerEpisode, series.header.horizon)
    }

    func test_training_isAnsweredByEveryWorld() throws {
        XCTAssertEqual(try load("robots-continuous-train.json5").world.trainablePolicyNames, ["glearn-follow", "amarl"])
        XCTAssertEqual(try load("fedopt.json5").world.trainablePolicyNames, ["glearn", "amarl"])
        let series = try load("ts-logistic.json5").world
        XCTAssertEqual(series.trainablePolicyNames, [])
        XCTAssertThrowsError(try series.train(policy: "memoa", progress: { _ in })) { error in
            XCTAssertEqual(error as? WorldRefusal, WorldRefusal("'sim train' trains learned policies; world 'logistic' has none"))
        }
    }

    /// `--retrain` is offered by the tabular worlds only: robots and fedopt train when a run starts but
    /// have no per-seed retraining.
    func test_retraining_isTabularOnly() throws {
        let tabular = try load("ring-zones-train.json5").world
        XCTAssertFalse(tabular.retrainablePolicyNames.isEmpty)
        XCTAssertEqual(tabular.retrainablePolicyNames, tabular.trainablePolicyNames)
        XCTAssertEqual(try load("robots-continuous-train.json5").world.retrainablePolicyNames, [])
        XCTAssertEqual(try load("fedopt.json5").world.retrainablePolicyNames, [])
    }

    func test_exploitability_isMeasuredOrRefusedWithTheWorldsReason() throws {
        XCTAssertEqual(try load("quickstart.json5").world.exploitabilityMetricNames.first, "teamReturn")
        XCTAssertEqual(try load("ts-logistic.json5").world.exploitabilityMetricNames.first, "meanEpsilon")
        for file in ["robots-continuous.json5", "fedopt.json5"] {
            let world = try load(file).world
            XCTAssertEqual(world.exploitabilityMetricNames, [])
            XCTAssertThrowsError(try world.checkExploitability(policy: world.policyNames[0])) { error in
                XCTAssertTrue("\(error)".hasSuffix("its own dynamics are continuous, so a best response in the real world is not computed"), "\(error)")
            }
        }
        let series = try load("ts-logistic.json5").world
        XCTAssertThrowsError(try series.exploitability(policy: "memoa", seeds: [1], settings: ExploitabilitySettings(threads: 1, ghostPairs: 8))) { error in
            XCTAssertEqual("\(error)", "--ghost-pairs tunes the tabular measurement; a time-series world's best responses are exact and take no setting")
        }
    }

    func test_checkpoints_areOfferedBySessions() throws {
        let session = try load("quickstart.json5").makeSession()
        XCTAssertNil(session.checkpointRefusal)
        XCTAssertTrue(session.supportsCheckpoints)
    }
}
