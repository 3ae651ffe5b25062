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
}
