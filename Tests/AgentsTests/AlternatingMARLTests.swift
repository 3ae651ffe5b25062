import XCTest
@testable import Agents

final class AlternatingMARLTests: XCTestCase {
    private func run(values: [Double], rtol: Double = 0.01) -> AlternatingMARL.Result {
        var options = AlternatingMARL.Options()
        options.outerIterations = values.count
        options.rtol = rtol
        var calls = 0
        return AlternatingMARL(game: RingZones().game(), gamma: 0.95, options: options).train(k: 2) { _, _ in
            defer { calls += 1 }
            return values[calls]
        }
    }

    func test_stopsWhenTheRelativeChangeIsBelowRtol() {
        let result = run(values: [100, 120, 120.5, 150])
        XCTAssertEqual(result.log.map(\.outcome), ["best", "best", "converged"])
        XCTAssertEqual(result.value, 120.5)
    }

    func test_revertsToTheBestPairOnADrop() {
        let result = run(values: [100, 130, 110, 200])
        XCTAssertEqual(result.log.map(\.outcome), ["best", "best", "reverted"])
        XCTAssertEqual(result.value, 130)
    }

    func test_risingValues_runEveryIterationAndKeepTheLastPair() {
        let result = run(values: [1, 2, 3])
        XCTAssertEqual(result.log.count, 3)
        XCTAssertEqual(result.value, 3)
        XCTAssertTrue(result.local.fits(RingZones().game()))
        XCTAssertTrue(result.global.fits(RingZones().game()))
    }
}
