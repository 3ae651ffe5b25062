import Engine
import XCTest

final class RunningStatsTests: XCTestCase {
    func test_matchesTwoPassFormulas_evenWithALargeOffset() {
        let values = (0..<1000).map { 1e8 + Double(($0 * 37) % 101) * 0.01 }
        let stats = RunningStats(values)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        XCTAssertEqual(stats.count, 1000)
        XCTAssertEqual(stats.mean, mean, accuracy: 1e-6)
        XCTAssertEqual(stats.variance, variance, accuracy: variance * 1e-6)
        XCTAssertEqual(stats.min, values.min())
        XCTAssertEqual(stats.max, values.max())
    }

    func test_discountedReturn_sumsGammaPowers() {
        var g = DiscountedReturn(gamma: 0.5)
        for r in [4.0, 2.0, 8.0] { g.add(r) }
        XCTAssertEqual(g.value, 4 + 1 + 2)
        XCTAssertEqual(g.steps, 3)
    }
}
