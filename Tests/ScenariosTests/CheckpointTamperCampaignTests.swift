import Engine
import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Tampered checkpoint state, in process: a seeded campaign alters the saved state of every shipped
/// world kind (tabular, continuous robots, synchronous and asynchronous fedopt, time series from a
/// formula and from a CSV) and restores it into a fresh session. Each restore must either refuse with
/// a ``CheckpointError`` or accept values the run could have held and then run to its end without a
/// trap (a trap ends the test process, which fails the suite). The CLI end of the same fault is
/// `CheckpointTamperTests` in simTests.
final class CheckpointTamperCampaignTests: XCTestCase {
    static let worlds: [(file: String, policy: String, overrides: [String])] = [
        ("quickstart.json5", "dispatch-follow", ["episodes=3", "horizon=7", "world.localAgents=40", "observation.k=4"]),
        ("robots-continuous.json5", "dispatch-follow", ["episodes=2", "horizon=6", "world.localAgents=30"]),
        ("fedopt.json5", "fedavg", ["episodes=2", "horizon=12"]),
        ("fedopt-async.json5", "fedavg", ["episodes=2", "horizon=12"]),
        ("ts-logistic.json5", "memoa", ["world.rounds=10", "world.clients=6", "observation.k=3"]),
        ("ts-csv-small.json5", "memoa", ["world.length=14"]),
    ]

    func test_tamperedCheckpointState_isRefusedOrResumes_neverTraps() throws {
        let (refused, resumed) = try campaign(mutants: 60, seed: 13)
        XCTAssertGreaterThan(refused, 150, "most alterations must be caught")
        XCTAssertGreaterThan(resumed, 5, "some alterations are legal values (a draw counter, a metric)")
    }

    /// The same fault, 2,000 alterations per world under another seed (CI's long tests).
    func test_tamperedCheckpointState_longCampaign_neverTraps() throws {
        try LongTest.require()
        let (refused, _) = try campaign(mutants: 2_000, seed: 29)
        XCTAssertGreaterThan(refused, 6_000)
    }

    /// Alters `mutants` copies of each world's mid-run state; returns how many were refused and resumed.
    func campaign(mutants: Int, seed: UInt64) throws -> (refused: Int, resumed: Int) {
        var random = TestRandom(seed: seed)
        var refused = 0, resumed = 0
        for world in Self.worlds {
            let url = RepositoryFiles.root.appendingPathComponent("Scenarios/" + world.file)
            let scenario = try Scenario.load(file: url.path, overrides: try world.overrides.map { try Override.parse($0) })
            var session = try scenario.makeSession(policy: world.policy)
            _ = try session.run(until: session.endTime / 2 + 0.5, shouldStop: { false })
            var writer = StateWriter()
            try session.saveState(into: &writer)
            for _ in 0..<mutants {
                let (bytes, change) = StateTamper.mutate(writer.bytes, random: &random)
                var fresh = try scenario.makeSession(policy: world.policy)
                var reader = StateReader(bytes)
                do {
                    try fresh.restoreState(from: &reader)
                    guard reader.remaining == 0 else { refused += 1; continue }
                } catch is CheckpointError {
                    refused += 1
                    continue
                } catch {
                    XCTFail("\(world.file), \(change): restore threw \(error), not a CheckpointError")
                    continue
                }
                resumed += 1
                // Accepted: the run must end normally (a runtime error is allowed, a trap is not).
                do {
                    _ = try fresh.run(until: fresh.endTime, shouldStop: { false })
                    _ = try fresh.finish()
                } catch {}
            }
        }
        return (refused, resumed)
    }
}
