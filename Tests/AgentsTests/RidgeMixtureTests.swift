import XCTest
import SimTestSupport
@testable import Agents

final class RidgeMixtureTests: XCTestCase {
    /// Brute force: the KKT system [[M, 1], [1ᵀ, 0]] [w; λ] = [b; η] solved densely.
    private func kktWeights(predictions: [Double], target y: [Double], kappaS: Double, eta: Double) throws -> [Double] {
        let dy = y.count, n = predictions.count / dy
        var kkt = Matrix(rows: n + 1, columns: n + 1)
        var rhs = [Double](repeating: 0, count: n + 1)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for d in 0..<dy { s += predictions[i * dy + d] * predictions[j * dy + d] }
                kkt[i, j] = 2 * (s + (i == j ? kappaS : 0))
            }
            kkt[i, n] = 1
            kkt[n, i] = 1
            for d in 0..<dy { rhs[i] += 2 * predictions[i * dy + d] * y[d] }
        }
        rhs[n] = eta
        return Array(try LUFactorization(kkt).solve(rhs).prefix(n))
    }

    func test_weights_sumToEta_andMatchKKT() throws {
        try withEverySeed(1...20) { seed in
            var r = TestNormals(seed: seed)
            let n = 1 + Int(seed % 9), dy = 1 + Int(seed % 3)
            let preds = r.vector(n * dy), y = r.vector(dy)
            let kappaS = 0.1 + abs(r.next()), eta = 1 + r.next()
            let w = RidgeMixture.weights(predictions: preds, target: y, kappaS: kappaS, eta: eta)
            XCTAssertEqual(w.reduce(0, +), eta, accuracy: 1e-12, "seed \(seed)")
            let brute = try kktWeights(predictions: preds, target: y, kappaS: kappaS, eta: eta)
            XCTAssertLessThan(maxAbsDifference(w, brute), 1e-10, "seed \(seed)")
        }
    }

    func test_twoClients_matchFineSearchOnConstraintLine() {
        let preds = [0.3, 1.2], y = [0.9], kappaS = 1.0, eta = 1.0
        func objective(_ w1: Double) -> Double {
            let w2 = eta - w1
            let e = y[0] - preds[0] * w1 - preds[1] * w2
            return e * e + kappaS * (w1 * w1 + w2 * w2)
        }
        var best = -5.0
        for k in 0...1_000_000 {
            let w1 = -5 + 10 * Double(k) / 1_000_000
            if objective(w1) < objective(best) { best = w1 }
        }
        let w = RidgeMixture.weights(predictions: preds, target: y, kappaS: kappaS, eta: eta)
        XCTAssertEqual(w[0], best, accuracy: 2e-5)
        XCTAssertEqual(w[1], eta - best, accuracy: 2e-5)
    }

    func test_weightsMayBeNegative() {
        let w = RidgeMixture.weights(predictions: [0, 10], target: [-10], kappaS: 0.01, eta: 1)
        XCTAssertLessThan(w[1], 0)
    }

    func test_otherRules_stayOnSimplex() {
        var r = TestNormals(seed: 2)
        let rules: [MixtureConfig] = [.eg(), .hedge(), .uniform]
        for config in rules {
            let rule = config.makeRule()
            var w = [0.25, 0.25, 0.25, 0.25], memory: [Double] = []
            for _ in 0..<20 { rule.update(predictions: r.vector(4), target: [r.next()], weights: &w, memory: &memory) }
            XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-12, config.name)
            XCTAssertTrue(w.allSatisfy { $0 >= 0 }, config.name)
        }
    }

    func test_hedge_prefersTheAccurateClient() {
        let rule = HedgeMixture(learningRate: 1)
        var w = [0.5, 0.5], memory: [Double] = []
        for _ in 0..<10 { rule.update(predictions: [1.0, 3.0], target: [1.0], weights: &w, memory: &memory) }
        XCTAssertGreaterThan(w[0], 0.99)
    }
}

/// A prediction that is not finite makes the ridge system unsolvable; the weights fall back to uniform
/// instead of trapping, and the run's non-finite metric is reported by the run.
final class RidgeMixtureNonFiniteTests: XCTestCase {
    func test_nonFinitePrediction_givesUniformWeights() {
        let weights = RidgeMixture.weights(predictions: [1, .nan, 3, 4], target: [2], kappaS: 1, eta: 1)
        XCTAssertEqual(weights, [0.25, 0.25, 0.25, 0.25])
    }
}
