import XCTest
@testable import Agents

final class PeriodicSeriesTests: XCTestCase {
    func test_cycle_startsAtSecondLevel() {
        let v = PeriodicSeries().values()
        XCTAssertEqual(Array(v.prefix(8)), [-0.78, -0.06, 0.9, -0.9, -0.78, -0.06, 0.9, -0.9])
        XCTAssertEqual(v.count, 201)
    }

    func test_persistenceRMSE_ofCycle() {
        var p = PeriodicSeries()
        p.rounds = 4
        let d = p.data(seed: 0)
        // steps: -0.78→-0.06→0.9→-0.9→-0.78: diffs 0.72, 0.96, 1.8, 0.12.
        let want = ((0.72 * 0.72 + 0.96 * 0.96 + 1.8 * 1.8 + 0.12 * 0.12) / 4).squareRoot()
        XCTAssertEqual(d.persistenceRMSE, want, accuracy: 1e-12)
    }
}
