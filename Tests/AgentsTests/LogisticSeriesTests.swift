import XCTest
import SimTestSupport
@testable import Agents

final class LogisticSeriesTests: XCTestCase {
    func test_firstValues_matchReference() {
        let v = LogisticSeries().values()
        XCTAssertEqual(v.count, 201)
        for (got, want) in zip(v.prefix(5), [0.6, 0.8916, 0.3689, 0.9060, 0.3350]) {
            XCTAssertEqual(got, want, accuracy: 5e-5)
        }
    }

    func test_rate_atZero_isBaseRate_andUsesLengthRPlus2() {
        var s = LogisticSeries()
        XCTAssertEqual(s.rate(at: 0), 3.6)
        s.rounds = 200
        let tau = 1.0 / 202
        let want = 3.6 + 0.13 * (sin(2 * .pi * 5 * tau) + sin(2 * .pi * 11 * tau) + sin(2 * .pi * 13 * tau))
        XCTAssertEqual(s.rate(at: 1), want)
    }

    func test_data_inputEqualsTarget_noiseIsSeeded() {
        var s = LogisticSeries()
        s.rounds = 20
        let d = s.data(seed: 1)
        XCTAssertEqual(d.rounds, 20)
        XCTAssertEqual(d.inputs, d.targets)
        s.noise = 0.01
        XCTAssertEqual(s.data(seed: 5), s.data(seed: 5))
        XCTAssertNotEqual(s.data(seed: 5), s.data(seed: 6))
    }
}
