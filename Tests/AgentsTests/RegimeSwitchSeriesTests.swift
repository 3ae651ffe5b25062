import XCTest
@testable import Agents

final class RegimeSwitchSeriesTests: XCTestCase {
    func test_regimes_advanceEveryRegimeLength() {
        let s = RegimeSwitchSeries()
        XCTAssertEqual([0, 49, 50, 99, 100, 150, 151].map(s.regime(at:)), [0, 0, 1, 1, 2, 0, 0])
    }

    func test_noiseless_followsAR1Recursion() {
        var s = RegimeSwitchSeries()
        s.noise = 0
        s.rounds = 120
        let y = s.data(seed: 1).targets.column(0)
        for n in [0, 10, 55, 110] {
            let r = s.regime(at: n), mean = s.levels[r] + s.drift * Double(n)
            XCTAssertEqual(y[n + 1], mean + s.coefficients[r] * (y[n] - mean), accuracy: 1e-14)
        }
    }

    func test_seeded() {
        XCTAssertEqual(RegimeSwitchSeries().data(seed: 3), RegimeSwitchSeries().data(seed: 3))
        XCTAssertNotEqual(RegimeSwitchSeries().data(seed: 3), RegimeSwitchSeries().data(seed: 4))
    }
}
