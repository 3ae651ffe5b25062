import SimTestSupport
import XCTest
@testable import Engine

final class MeanIntervalTests: XCTestCase {
    func test_interval_matchesHandComputation() {
        // mean 3, s² = 2.5, s/√5 = 0.7071..., t(0.975, 4) = 2.7764451051977987.
        let interval = MeanInterval([1, 2, 3, 4, 5])
        XCTAssertEqual(interval.mean, 3)
        XCTAssertEqual(interval.count, 5)
        XCTAssertTrue(isApproximatelyEqual(interval.halfWidth, 2.776445105197793 * (2.5 / 5).squareRoot(), relative: 1e-12))
        XCTAssertEqual(interval.lower + interval.upper, 6, accuracy: 1e-12)
    }

    func test_interval_fewerThanTwoValues_isUndefined() {
        XCTAssertTrue(MeanInterval([4]).halfWidth.isNaN)
        XCTAssertEqual(MeanInterval([4]).mean, 4)
        XCTAssertTrue(MeanInterval([]).mean.isNaN)
    }

    func test_interval_constantValues_hasZeroWidth() {
        XCTAssertEqual(MeanInterval([2, 2, 2]).halfWidth, 0)
    }

    func test_pairedDifference_countsWinsLossesTies_byDirection() {
        let higher = PairedDifference(candidate: [3, 1, 2, 5], baseline: [1, 1, 4, 2])
        XCTAssertEqual(higher.differences, [2, 0, -2, 3])
        XCTAssertEqual([higher.wins, higher.losses, higher.ties], [2, 1, 1])
        XCTAssertEqual(higher.interval.mean, 0.75)
        let lower = PairedDifference(candidate: [3, 1, 2, 5], baseline: [1, 1, 4, 2], higherIsBetter: false)
        XCTAssertEqual([lower.wins, lower.losses, lower.ties], [1, 2, 1])
    }
}
