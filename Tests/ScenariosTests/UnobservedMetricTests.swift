import Engine
@testable import Scenarios
import XCTest

/// A metric with no observation (its summary's `n` is 0, and an empty accumulator's mean is 0) has no
/// value: `null` in results and comparisons, an empty CSV field, and never a win or a loss.
final class UnobservedMetricTests: XCTestCase {
    func outcome(_ stats: RunningStats) -> RunOutcome {
        RunOutcome(metrics: [("simulatedTimeToTarget", stats)], series: [], events: 0, simulatedTime: 0, stopped: false, wallSeconds: 0)
    }

    func testMetricWithNoObservationsIsNullNotZero() throws {
        let empty = outcome(RunningStats())
        XCTAssertTrue(empty.value("simulatedTimeToTarget").isNaN, "no observation is no value, not the empty mean 0")
        XCTAssertTrue(empty.value("notReported").isNaN)
        var one = RunningStats()
        one.add(4)
        XCTAssertEqual(outcome(one).value("simulatedTimeToTarget"), 4)
        let rendered = ResultsDocument.summary(RunningStats()).rendered()
        for field in ["mean", "std", "min", "max"] {
            XCTAssertTrue(rendered.contains("\"\(field)\": null") || rendered.contains("\"\(field)\":null"), rendered)
        }
        XCTAssertFalse(rendered.contains("inf"), rendered)
    }

    /// The old per-seed value of an unobserved metric was 0, a "win" for a lower-is-better metric.
    func testUnobservedMetricIsNeverAWin() {
        let seeds: [UInt64] = [1, 2, 3]
        let baseline = [20.0, 25.0, 30.0]
        let never = [outcome(RunningStats()), outcome(RunningStats()), outcome(RunningStats())].map { $0.value("simulatedTimeToTarget") }
        let comparison = PolicyComparison(scenario: "s", seeds: seeds, policies: ["fast", "never"], metrics: ["simulatedTimeToTarget"],
                                          values: [[baseline, never]])
        let paired = comparison.difference(metric: 0, policy: 1)
        XCTAssertEqual([paired.wins, paired.losses, paired.ties], [0, 0, 0])
        XCTAssertTrue(comparison.interval(metric: 0, policy: 1).mean.isNaN)
        XCTAssertTrue(comparison.csv.contains("simulatedTimeToTarget,never,3,,,,fast,,,,0,0,0"), comparison.csv)
        XCTAssertTrue(comparison.document.rendered().contains("null"))
    }
}
