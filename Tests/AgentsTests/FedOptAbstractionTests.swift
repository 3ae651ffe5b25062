import XCTest
import Foundation
@testable import Agents
import Engine

final class FedOptAbstractionTests: XCTestCase {
    func test_bins_areLogSpacedAndClamped() {
        let a = FedOptAbstraction()    // excess loss [1e-3, 1e2] in 4 bins of 1.25 decades
        XCTAssertEqual(a.globalBin(1e-9), 0)
        XCTAssertEqual(a.globalBin(0.01), 0)
        XCTAssertEqual(a.globalBin(0.1), 1)
        XCTAssertEqual(a.globalBin(5), 2)
        XCTAssertEqual(a.globalBin(1e9), 3)
        XCTAssertEqual(a.localBin(0.5), 1)
    }

    func test_estimatedGame_hasProbabilityRows_andIsReproducible() {
        let problem = FedOptProblem(clients: 30, dimension: 4, heterogeneity: 0.2, condition: 5, seed: 2)
        var a = FedOptAbstraction()
        (a.runs, a.rounds) = (5, 20)
        let game = a.game(problem: problem, k: 5, localSteps: 3, seed: 2)
        XCTAssertEqual(game, a.game(problem: problem, k: 5, localSteps: 3, seed: 2))
        XCTAssertEqual([game.globalStates, game.globalActions, game.localStates, game.localActions], [4, 3, 3, 3])
        for (table, width) in [(game.globalTransition, game.globalStates), (game.localTransition, game.localStates)] {
            for row in stride(from: 0, to: table.count, by: width) {
                XCTAssertEqual(table[row..<row + width].reduce(0, +), 1, accuracy: 1e-12)
            }
        }
        // Training from w = 0 lowers the excess loss: from the start's bin, down is likelier than up.
        let start = a.globalBin(problem.globalLoss([0, 0, 0, 0]) - problem.minimumLoss)
        XCTAssertGreaterThan(start, 0)
        let down = (0..<start).map { game.pGlobal(start, 1, $0) }.reduce(0, +)
        let up = (start + 1..<game.globalStates).map { game.pGlobal(start, 1, $0) }.reduce(0, +)
        XCTAssertGreaterThan(down, up + 0.2)
    }

    /// Estimating the abstraction in 65,536 dimensions took minutes in one piece and ignored Ctrl-C; it
    /// is training, so it polls the stop request every round.
    func test_fedoptDimension65536_abstractionStopsAtTheStopRequest() {
        let problem = FedOptProblem(clients: 10, dimension: 65536, heterogeneity: 0.2, condition: 10, seed: 1)
        StopRequest.request()
        defer { StopRequest.reset() }
        let started = Date()
        _ = FedOptAbstraction().game(problem: problem, k: 10, localSteps: 5, seed: 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
    }

    func test_tabularPolicy_readsCountsOfTheSampledClientsLossBins() {
        let a = FedOptAbstraction()
        struct Recorder: GlobalPolicy {
            var kind: String { "probe" }
            func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
                globalState == 2 && counts == [1, 2, 0] ? 2 : 0
            }
        }
        let policy = TabularFedOptPolicy(kind: "probe", abstraction: a, global: Recorder(),
                                         local: .uniform(globalStates: 4, localStates: 3, actions: 3))
        var cell = RandomStream(seed: 1, .policy).generator(agent: -1, step: 0)
        XCTAssertEqual(policy.serverRate(excessLoss: 5, clientLosses: [0.02, 0.5, 3], random: &cell), 1.5)
        XCTAssertEqual(policy.serverRate(excessLoss: 0.01, clientLosses: [0.02, 0.5, 3], random: &cell), 0.5)
    }
}
