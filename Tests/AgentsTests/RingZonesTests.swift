import Foundation
import XCTest
@testable import Agents

final class RingZonesTests: XCTestCase {
    /// The reference tables live beside the repository; the test skips cleanly without them.
    static let tablesURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/ring-zones/tables.json")

    func test_defaults_reproduceReferenceTables() throws {
        guard let data = try? Data(contentsOf: Self.tablesURL) else {
            throw XCTSkip("no ../shared/data/ring-zones/tables.json")
        }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        func flat(_ any: Any?) -> [Double] {
            if let number = any as? Double { return [number] }
            if let list = any as? [Any] { return list.flatMap(flat) }
            return []
        }
        let game = RingZones().game()
        for (name, table) in [("P_g", game.globalTransition), ("P_l", game.localTransition),
                              ("R_g", game.globalReward), ("R_l", game.localReward)] {
            let reference = flat(json[name])
            XCTAssertEqual(reference.count, table.count, name)
            let gap = zip(reference, table).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(gap, 1e-12, name)
        }
    }

    func test_transitionRows_sumToOne() {
        let game = RingZones().game()
        for row in stride(from: 0, to: game.globalTransition.count, by: game.globalStates) {
            XCTAssertEqual(game.globalTransition[row..<row + game.globalStates].reduce(0, +), 1, accuracy: 1e-12)
        }
        for row in stride(from: 0, to: game.localTransition.count, by: game.localStates) {
            XCTAssertEqual(game.localTransition[row..<row + game.localStates].reduce(0, +), 1, accuracy: 1e-12)
        }
    }

    func test_localReward_followsDistanceAndActionBonus() {
        let game = RingZones().game()
        XCTAssertEqual(game.rewardLocal(0, 0, 0), 10)
        XCTAssertEqual(game.rewardLocal(0, 2, 1), 2.0 / 3.0 + 0.5, accuracy: 1e-15)
        XCTAssertEqual(game.rewardLocal(4, 0, 2), 1.0 - 0.3, accuracy: 1e-15)
    }
}
