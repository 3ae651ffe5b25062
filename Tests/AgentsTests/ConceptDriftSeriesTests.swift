import XCTest
@testable import Agents

final class ConceptDriftSeriesTests: XCTestCase {
    func test_blendWeights_atPhaseBoundaries() {
        XCTAssertEqual(ConceptDriftSeries.blendWeight(7 * .pi / 8), 1)
        XCTAssertEqual(ConceptDriftSeries.blendWeight(9 * .pi / 8), 0, accuracy: 1e-15)
        XCTAssertEqual(ConceptDriftSeries.blendWeight(.pi), cos(.pi / 4), accuracy: 1e-15)
        XCTAssertEqual(ConceptDriftSeries.blendWeight(0.1), 1)
        XCTAssertEqual(ConceptDriftSeries.blendWeight(5), 0)
    }

    func test_rowAlignment_inputIsNextGridPoint() {
        let d = ConceptDriftSeries().data()
        XCTAssertEqual(d.rounds, 200)
        let g = ConceptDriftSeries().grid
        XCTAssertEqual(g.count, 202)
        XCTAssertEqual(g.last!, 2 * .pi, accuracy: 1e-15)
        for t in [0, 1, 57, 200] {
            XCTAssertEqual(d.inputs.row(t), [g[t + 1], g[t + 1], g[t + 1].squareRoot()])
            let (y1, y2) = ConceptDriftSeries.target(at: g[t])
            XCTAssertEqual(d.targets.row(t), [y1, y2])
        }
        // Phase 1 at g = 0: y1 = 0.5, y2 = 0 + 0 − 1.
        XCTAssertEqual(d.targets.row(0), [0.5, -1])
    }

    func test_targetRange_andOneDim() {
        let d = ConceptDriftSeries().data()
        let y1 = d.targets.column(0), y2 = d.targets.column(1)
        XCTAssertEqual(min(y1.min()!, y2.min()!), -1.03, accuracy: 0.02)
        XCTAssertEqual(max(y1.max()!, y2.max()!), 13.3, accuracy: 0.1)
        var one = ConceptDriftSeries()
        one.oneDim = true
        XCTAssertEqual(one.data().targets.column(0), y2)
    }
}
