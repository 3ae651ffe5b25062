import XCTest
@testable import Agents
import Engine

/// Each aggregation mode keeps its own state: a synchronous world holds one round (the k sampled
/// clients' losses, at most k accepted updates), an asynchronous one its jobs (k clients working,
/// fewer than `buffer` updates buffered), and neither holds the other's.
final class FedOptRoundsTests: XCTestCase {
    let problem = FedOptProblem(clients: 30, dimension: 3, heterogeneity: 0.3, condition: 4, seed: 2)

    func test_syncWorld_holdsOneRound() throws {
        var sim = FedOptTests.simulation(problem, timing: FedOptTiming(), k: 6, mode: .sync(deadline: 1.5))
        _ = try sim.run(until: 12.3)
        guard case .sync(let state) = sim.model.rounds else { return XCTFail("a synchronous world holds \(sim.model.rounds)") }
        XCTAssertEqual(state.losses.count, 6)
        XCTAssertLessThanOrEqual(state.accepted, 6)
        XCTAssertEqual(state.sum.count, 3)
        XCTAssertGreaterThan(sim.model.round, 1)
    }

    func test_asyncWorld_holdsItsJobs() throws {
        var sim = FedOptTests.simulation(problem, timing: FedOptTiming(), k: 6, mode: .async(buffer: 4, stalenessExponent: 0.5))
        _ = try sim.run(until: 12.3)
        guard case .async(let jobs) = sim.model.rounds else { return XCTFail("an asynchronous world holds \(sim.model.rounds)") }
        XCTAssertEqual(jobs.idle.count, 30 - 6)
        XCTAssertLessThan(jobs.bufferLosses.count, 4)
        XCTAssertEqual(jobs.pendingUpdates.count, 30 * 3)
        XCTAssertGreaterThan(jobs.jobs, 6)
        XCTAssertGreaterThan(sim.model.round, 1)
    }
}
