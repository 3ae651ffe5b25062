import XCTest
@testable import Agents
import Engine

final class RobotsContinuousAbstractionTests: XCTestCase {
    func test_tables_areProbabilityRows_andReproducible() {
        let abstraction = RobotsContinuousAbstraction(robots: RobotsContinuousDynamics(), bins: 4, samples: 500)
        let game = abstraction.game(seed: 3)
        XCTAssertEqual(game, abstraction.game(seed: 3))
        for table in [(game.globalTransition, game.globalStates), (game.localTransition, game.localStates)] {
            for row in stride(from: 0, to: table.0.count, by: table.1) {
                XCTAssertEqual(table.0[row..<row + table.1].reduce(0, +), 1, accuracy: 1e-9)
            }
        }
    }

    func test_globalTransition_movesTowardTheTarget() {
        // From the lowest bin [-2, -1], aiming at the highest target (1.6) lands near
        // x + 0.6 (1.6 - x) = 0.4 x + 0.96 ∈ [0.16, 0.56], far from bin 0.
        let game = RobotsContinuousAbstraction(robots: RobotsContinuousDynamics(), bins: 4, samples: 2000).game(seed: 1)
        XCTAssertLessThan(game.pGlobal(0, 4, 0), 0.01)
        // Staying in a 1-wide bin with ±0.04 noise and no move: most robots stay.
        XCTAssertGreaterThan(game.pLocal(1, 0, 0, 1), 0.9)
    }

    func test_localReward_peaksWhenSharingTheGlobalBin() {
        let game = RobotsContinuousAbstraction(robots: RobotsContinuousDynamics(), bins: 5, samples: 2000).game(seed: 1)
        XCTAssertGreaterThan(game.rewardLocal(2, 2, 0), game.rewardLocal(0, 2, 0) + 2)
        XCTAssertEqual(game.rewardLocal(2, 2, 1), game.rewardLocal(2, 2, 0) - 0.25, accuracy: 0.3)
    }

    func test_followTable_pointsTowardTheGlobalBin() {
        let table = RobotsContinuousAbstraction(robots: RobotsContinuousDynamics(), bins: 3, samples: 1).followTable()
        XCTAssertEqual(table.probability(2, 0, 1), 1)
        XCTAssertEqual(table.probability(0, 2, 2), 1)
        XCTAssertEqual(table.probability(1, 1, 0), 1)
    }
}
