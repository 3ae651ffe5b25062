import XCTest
import SimTestSupport
@testable import Agents

final class MemoaSolverTests: XCTestCase {
    private let weights = CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 0.5, alpha: 0.01)

    func test_consistentMeanField_isAFixedPoint() throws {
        try withEverySeed(1...10) { seed in
            let n = 3 + Int(seed % 5), dy = 1 + Int(seed % 2)
            let game = randomWindowGame(seed: seed, clients: n, targetDimension: dy, latentWidth: 2, window: 3,
                                        weights: weights)
            let solution = try MemoaSolver().solve(game, sample: nil)
            // The mean of the responses to m is m.
            for tau in 1...3 {
                for d in 0..<dy {
                    let mean = (0..<n).reduce(0) { $0 + solution.states[tau][$1 * dy + d] } / Double(n)
                    XCTAssertEqual(mean, solution.meanField![tau - 1][d], accuracy: 1e-11, "seed \(seed)")
                }
            }
        }
    }

    func test_iteration_agreesWithLinearSolve() throws {
        let game = randomWindowGame(seed: 5, clients: 6, targetDimension: 2, latentWidth: 3, window: 4, weights: weights)
        let a = try MemoaSolver().solve(game, sample: nil)
        let b = try MemoaSolver(consistency: .iterate(tolerance: 1e-13, maxIterations: 500)).solve(game, sample: nil)
        XCTAssertLessThan(maxAbsDifference(a.controls.flatMap { $0 }, b.controls.flatMap { $0 }), 1e-9)
    }

    func test_sampleOfAll_equalsFullBroadcast_andSubsampleDiffers() throws {
        let game = randomWindowGame(seed: 7, clients: 8, latentWidth: 2, window: 3, weights: weights)
        let full = try MemoaSolver().solve(game, sample: nil)
        let all = try MemoaSolver().solve(game, sample: Array(0..<8))
        XCTAssertEqual(full.controls, all.controls)
        let some = try MemoaSolver().solve(game, sample: [1, 4])
        XCTAssertGreaterThan(maxAbsDifference(full.controls.flatMap { $0 }, some.controls.flatMap { $0 }), 1e-6)
    }

    func test_qZeroWithCoupling_isRejectedByConfig() {
        let p = MemoaPolicy(game: WindowGameSettings(weights: CostWeights(q: 0, kappa: 2)))
        XCTAssertNotNil(p.problem)
    }
}
