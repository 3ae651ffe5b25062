import XCTest
import SimTestSupport
@testable import Agents

final class SeriesNormalizationTests: XCTestCase {
    private func randomData(seed: UInt64, rows: Int) -> TimeSeriesData {
        var r = TestNormals(seed: seed)
        return TimeSeriesData(inputs: r.matrix(rows, 3), targets: r.matrix(rows, 1))
    }

    func test_running_neverReadsTheFuture() {
        withEverySeed(1...10) { seed in
            let rows = 30
            let base = randomData(seed: seed, rows: rows)
            for t in [0, 5, 17, 28] {
                var perturbed = base
                for s in (t + 1)..<rows {
                    for j in 0..<3 { perturbed.inputs[s, j] *= 100 }
                    perturbed.targets[s, 0] = -1e6
                }
                let a = SeriesNormalization.running.apply(base), b = SeriesNormalization.running.apply(perturbed)
                for s in 0...t {
                    XCTAssertEqual(a.inputs.row(s), b.inputs.row(s), "seed \(seed) t \(t) row \(s)")
                    XCTAssertEqual(a.targets.row(s), b.targets.row(s), "seed \(seed) t \(t) row \(s)")
                }
            }
        }
    }

    func test_running_boundsByOne_andWindowMaxDividesByMaximum() {
        let data = TimeSeriesData(inputs: Matrix([[1, -4], [2, 8], [0, 1]]), targets: Matrix([[2], [4], [1]]))
        let run = SeriesNormalization.running.apply(data)
        XCTAssertEqual(run.inputs.row(0), [0.25, -1])
        XCTAssertEqual(run.inputs.row(1), [0.25, 1])
        XCTAssertEqual(run.targets.column(0), [1, 1, 0.25])
        let wm = SeriesNormalization.windowMax.apply(data)
        XCTAssertEqual(wm.inputs.row(0), [0.125, -0.5])
        XCTAssertEqual(wm.targets.column(0), [0.5, 1, 0.25])
        XCTAssertEqual(SeriesNormalization.none.apply(data), data)
    }
}
