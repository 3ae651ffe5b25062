import XCTest
import SimTestSupport
@testable import Agents

final class TrackingRiccatiTests: XCTestCase {
    /// Brute force: the whole control sequence by one batch least-squares solve. Y_τ+1 = Y_0 + Σ_{σ≤τ} Z_σ β_σ,
    /// so the cost is |A u − v|²_W + γ Σ c |β|², solved through its normal equations.
    private func batchSolution(_ plan: TrackingRiccati, start: [Double], reference: [[Double]]) throws -> [Double] {
        let T = plan.window, dy = plan.targetDimension, dz = plan.latentWidth
        var normal = Matrix(rows: T * dz, columns: T * dz)
        var rhs = [Double](repeating: 0, count: T * dz)
        for tau in 0..<T {
            let w = plan.discounts[tau] * plan.trackingWeight
            // Row block τ of A: [Z_0 … Z_τ 0 …]; residual target v_τ = r_τ+1 − Y_0.
            for d in 0..<dy {
                var row = [Double](repeating: 0, count: T * dz)
                for sigma in 0...tau { for c in 0..<dz { row[sigma * dz + c] = plan.encodings[sigma][d, c] } }
                let v = reference[tau][d] - start[d]
                for a in 0..<(T * dz) {
                    rhs[a] += w * row[a] * v
                    for b in 0..<(T * dz) { normal[a, b] += w * row[a] * row[b] }
                }
            }
            for c in 0..<dz { normal[tau * dz + c, tau * dz + c] += plan.discounts[tau] * plan.controlWeight }
        }
        return try CholeskyFactorization(normal).solve(rhs)
    }

    private func randomPlan(seed: UInt64, dy: Int, dz: Int, window: Int) throws -> (TrackingRiccati, [Double], [[Double]]) {
        var r = TestNormals(seed: seed)
        let encodings = (0..<window).map { _ in r.matrix(dy, dz) }
        let discounts = (0..<window).map { exp(-0.3 * Double(window - 1 - $0)) }
        let plan = try TrackingRiccati(encodings: encodings, trackingWeight: 1 + abs(r.next()),
                                       controlWeight: 0.5 + abs(r.next()), discounts: discounts)
        return (plan, r.vector(dy), (0..<window).map { _ in r.vector(dy) })
    }

    func test_feedbackSolution_equalsBatchLeastSquares() throws {
        try withEverySeed(1...15) { seed in
            let (plan, start, ref) = try randomPlan(seed: seed, dy: 1 + Int(seed % 3), dz: 1 + Int(seed % 4),
                                                    window: 1 + Int(seed % 5))
            let feedback = plan.response(start: start, reference: ref).controls.flatMap { $0 }
            let batch = try batchSolution(plan, start: start, reference: ref)
            XCTAssertLessThan(maxAbsDifference(feedback, batch), 1e-9, "seed \(seed)")
        }
    }

    func test_valueFunction_givesOptimalCost_forZeroReference() throws {
        // With r = 0 the value is exactly Y_0ᵀ P_0 Y_0 (S = 0, no constant): the Riccati residual.
        try withEverySeed(1...10) { seed in
            let (plan, start, ref) = try randomPlan(seed: seed, dy: 2, dz: 3, window: 4)
            let zero = ref.map { $0.map { _ in 0.0 } }
            let r = plan.response(start: start, reference: zero)
            let cost = plan.cost(controls: r.controls, states: r.states, reference: zero)
            let value = dot(start, plan.valueMatrices[0] * start)
            XCTAssertTrue(isApproximatelyEqual(cost, value, relative: 1e-10), "seed \(seed): \(cost) vs \(value)")
        }
    }

    func test_perturbingTheOptimum_neverLowersCost() throws {
        let (plan, start, ref) = try randomPlan(seed: 42, dy: 1, dz: 2, window: 3)
        let best = plan.response(start: start, reference: ref)
        let bestCost = plan.cost(controls: best.controls, states: best.states, reference: ref)
        var r = TestNormals(seed: 43)
        for _ in 0..<20 {
            var controls = best.controls
            for tau in 0..<3 { for c in 0..<2 { controls[tau][c] += 0.01 * r.next() } }
            var states = [start]
            for tau in 0..<3 { states.append([states[tau][0] + (plan.encodings[tau] * controls[tau])[0]]) }
            XCTAssertGreaterThan(plan.cost(controls: controls, states: states, reference: ref), bestCost)
        }
    }

    func test_identicalSamples_equalTheDeterministicSolution() throws {
        let (plan, start, ref) = try randomPlan(seed: 5, dy: 2, dz: 3, window: 3)
        let sampled = try TrackingRiccati(encodings: plan.encodings, samples: plan.encodings.map { [$0, $0, $0] },
                                          trackingWeight: plan.trackingWeight, controlWeight: plan.controlWeight,
                                          discounts: plan.discounts)
        let a = plan.response(start: start, reference: ref), b = sampled.response(start: start, reference: ref)
        XCTAssertLessThan(maxAbsDifference(a.controls.flatMap { $0 }, b.controls.flatMap { $0 }), 1e-12)
    }

    /// With two equally likely Z per step, the expected cost of the feedback law is the average over the
    /// 2^T paths; for r = 0 it must equal Y_0ᵀ P_0 Y_0, and perturbing a gain must raise it.
    func test_monteCarloMoments_valueEqualsBruteForceExpectation_andGainsAreOptimal() throws {
        var r = TestNormals(seed: 21)
        let T = 3, dy = 1, dz = 2
        let draws = (0..<T).map { _ in [r.matrix(dy, dz), r.matrix(dy, dz)] }
        let means = draws.map { 0.5 * ($0[0] + $0[1]) }
        let discounts = (0..<T).map { exp(-0.2 * Double(T - 1 - $0)) }
        let plan = try TrackingRiccati(encodings: means, samples: draws, trackingWeight: 1.5, controlWeight: 0.7,
                                       discounts: discounts)
        let start = [0.8]
        func expectedCost(gains: [Matrix]) -> Double {
            var total = 0.0
            for path in 0..<(1 << T) {
                var y = start, cost = 0.0
                for tau in 0..<T {
                    let beta = gains[tau] * y
                    let z = draws[tau][(path >> tau) & 1]
                    y = [y[0] + (z * beta)[0]]
                    cost += discounts[tau] * (1.5 * y[0] * y[0] + 0.7 * dot(beta, beta))
                }
                total += cost / Double(1 << T)
            }
            return total
        }
        let best = expectedCost(gains: plan.feedbackGains)
        XCTAssertEqual(best, dot(start, plan.valueMatrices[0] * start), accuracy: 1e-12)
        for tau in 0..<T {
            for sign in [-1.0, 1.0] {
                var gains = plan.feedbackGains
                gains[tau][0, 0] += sign * 1e-3
                XCTAssertGreaterThan(expectedCost(gains: gains), best, "step \(tau)")
            }
        }
    }
}
