import Engine
import XCTest

final class RandomStreamTests: XCTestCase {
    func test_sameKey_sameNumbers_differentKeys_differentNumbers() {
        let a = RandomStream(seed: 7, .world), b = RandomStream(seed: 7, .world)
        var x = a.generator(agent: 3, step: 9), y = b.generator(agent: 3, step: 9)
        XCTAssertEqual((0..<5).map { _ in x.next() }, (0..<5).map { _ in y.next() })
        var z = a.generator(agent: 3, step: 10), w = RandomStream(seed: 7, .policy).generator(agent: 3, step: 9)
        XCTAssertNotEqual(z.next(), w.next())
    }

    /// 10^6 uniforms in 100 bins: χ² with 99 degrees of freedom; the 0.999 quantile is 148.2.
    func test_uniform_passesChiSquareOverAMillionDraws() {
        let stream = RandomStream(seed: 2026, .world)
        var bins = [Int](repeating: 0, count: 100)
        for agent in 0..<1000 {
            var cell = stream.generator(agent: agent, step: 0)
            for _ in 0..<1000 { bins[Int(cell.uniform() * 100)] += 1 }
        }
        let expected = 10_000.0
        let chiSquare = bins.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        XCTAssertLessThan(chiSquare, 148.2)
    }

    /// Pearson correlation of paired draws from different stream names and different agents:
    /// for 10^5 independent pairs its sd is about 0.0032, so |r| < 0.015 is about 4.7 sd.
    func test_differentStreamKeys_areUncorrelated() {
        let world = RandomStream(seed: 11, .world), policy = RandomStream(seed: 11, .policy)
        for (left, right) in [((world, 0), (policy, 0)), ((world, 0), (world, 1))] {
            var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
            let n = 100_000
            for step in 0..<n {
                var a = left.0.generator(agent: left.1, step: step), b = right.0.generator(agent: right.1, step: step)
                let x = a.uniform(), y = b.uniform()
                sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
            }
            let m = Double(n)
            let r = (sxy / m - sx / m * sy / m) / ((sxx / m - sx * sx / (m * m)) * (syy / m - sy * sy / (m * m))).squareRoot()
            XCTAssertLessThan(abs(r), 0.015)
        }
    }

    func test_normalAndExponential_haveTheirMoments() {
        var cell = RandomStream(seed: 5, .data).generator(agent: 0, step: 0)
        let normals = RunningStats((0..<200_000).map { _ in cell.normal() })
        XCTAssertEqual(normals.mean, 0, accuracy: 0.01)  // sd of the mean 0.0022
        XCTAssertEqual(normals.variance, 1, accuracy: 0.015)
        let exponentials = RunningStats((0..<200_000).map { _ in cell.exponential(rate: 2) })
        XCTAssertEqual(exponentials.mean, 0.5, accuracy: 0.005)
    }

    func test_intBelow_isUniformOverSmallRanges() {
        var cell = RandomStream(seed: 9, .policy).generator(agent: 0, step: 0)
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<300_000 { counts[cell.int(below: 3)] += 1 }
        for c in counts { XCTAssertEqual(Double(c), 100_000, accuracy: 1500) }  // sd ≈ 258
    }

    func test_gammaAndDirichlet_haveTheirMeans() {
        var cell = RandomStream(seed: 4, .initial).generator(agent: 0, step: 0)
        let small = RunningStats((0..<100_000).map { _ in cell.gamma(shape: 0.3) })
        XCTAssertEqual(small.mean, 0.3, accuracy: 0.01)  // sd of the mean ≈ 0.0017
        var mu = [Double](repeating: 0, count: 5)
        var first = RunningStats()
        for _ in 0..<20_000 {
            cell.dirichlet([0.3, 0.3, 0.3, 0.3, 0.3], into: &mu)
            XCTAssertEqual(mu.reduce(0, +), 1, accuracy: 1e-12)
            first.add(mu[0])
        }
        XCTAssertEqual(first.mean, 0.2, accuracy: 0.01)
    }
}
