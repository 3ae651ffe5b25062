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

    func test_severalStarts_eachRunsItsOwnAlternation_andTheBestValueWins() {
        let game = RingZones().game()
        var options = AlternatingMARL.Options()
        options.outerIterations = 3
        options.starts = [.init(name: "uniform", policy: .uniform(for: game)), .init(name: "follow", policy: .follow(zones: 5))]
        // uniform: 100, 100.5 (converged); follow: 120, 130, 131 (converged).
        let values = [100, 100.5, 120, 130, 131]
        var calls = 0, firstLocals: [LocalPolicyTable] = []
        var seen: [String] = []
        let result = AlternatingMARL(game: game, gamma: 0.95, options: options).train(k: 2, evaluate: { _, local in
            defer { calls += 1 }
            if calls == 0 || calls == 2 { firstLocals.append(local) }
            return values[calls]
        }, progress: { seen.append("\($0.start) \($0.iteration)") })
        XCTAssertEqual(result.log.map(\.start), ["uniform", "uniform", "follow", "follow", "follow"])
        XCTAssertEqual(result.log.map(\.outcome), ["best", "converged", "best", "best", "converged"])
        XCTAssertEqual(seen, ["uniform 1", "uniform 2", "follow 1", "follow 2", "follow 3"])
        XCTAssertEqual(result.value, 131)
        // Each start's first L-LEARN answers a different G-LEARN response, so the first pairs differ.
        XCTAssertNotEqual(firstLocals[0], firstLocals[1])
    }
}
