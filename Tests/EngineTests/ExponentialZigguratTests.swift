@testable import Engine
import Foundation
import SimTestSupport
import XCTest

final class ExponentialZigguratTests: XCTestCase {
    private typealias Z = ExponentialZiggurat

    /// v from its defining base equation r·f(r) + f(r), in Foundation arithmetic.
    private let v = (ExponentialZiggurat.r + 1) * exp(-ExponentialZiggurat.r)

    /// Each entry is one step of the recurrence from the previous (literal) entry. A chained
    /// recomputation would amplify rounding about 600-fold towards the apex (6e-14 at x₂₅₅), testing the
    /// last bits of libm rather than the table; one step from x₁ = r fixes the whole chain anyway.
    func test_tables_followTheRecurrence() {
        XCTAssertEqual(Z.edges.count, 257)  // the sampler reads edges[i + 1] and densities[i + 1] for a byte i
        XCTAssertEqual(Z.densities.count, 257)
        XCTAssertEqual(Z.r, 7.69711747013104972)
        XCTAssertTrue(isApproximatelyEqual(Z.v, v, relative: 1e-14), "v = \(Z.v), (r + 1)·exp(−r) = \(v)")
        XCTAssertTrue(isApproximatelyEqual(Z.v, 3.949659822581572e-3, relative: 1e-14), "the paper's v")
        XCTAssertEqual(Z.edges[1], Z.r)
        XCTAssertEqual(Z.edges[256], 0)
        XCTAssertTrue(isApproximatelyEqual(Z.edges[0], v / exp(-Z.r), relative: 1e-14), "x₀ = \(Z.edges[0])")
        for i in 1..<255 {
            let next = -log(v / Z.edges[i] + Z.densities[i])
            XCTAssertTrue(isApproximatelyEqual(Z.edges[i + 1], next, relative: 1e-14),
                          "x[\(i + 1)] = \(Z.edges[i + 1]), the recurrence gives \(next)")
        }
        for i in 0...256 {
            XCTAssertTrue(isApproximatelyEqual(Z.densities[i], exp(-Z.edges[i]), relative: 1e-14),
                          "f[\(i)] = \(Z.densities[i]), exp(−x[\(i)]) = \(exp(-Z.edges[i]))")
        }
    }

    /// Layer 255 is the top: its area equation is the one r was chosen to close.
    func test_everyLayer_hasAreaV_andTheEdgesDecrease() {
        XCTAssertTrue(isApproximatelyEqual(Z.r * exp(-Z.r) + exp(-Z.r), Z.v, relative: 1e-12), "base strip + tail")
        XCTAssertTrue(isApproximatelyEqual(Z.edges[0] * Z.densities[1], Z.v, relative: 1e-12), "base as drawn")
        for i in 1...255 {
            let area = Z.edges[i] * (Z.densities[i + 1] - Z.densities[i])
            XCTAssertTrue(isApproximatelyEqual(area, Z.v, relative: 1e-12), "layer \(i): area \(area), v = \(Z.v)")
        }
        for i in 0..<256 {
            XCTAssertGreaterThan(Z.edges[i], Z.edges[i + 1], "edges \(i), \(i + 1)")
            XCTAssertLessThan(Z.densities[i], Z.densities[i + 1], "densities \(i), \(i + 1)")
        }
    }

    /// One sample per cell, as schedules draw them. For n = 200,000: the KS statistic's 0.1% critical
    /// value is 1.95/√n = 0.0044; the mean has sd 1/√n = 0.0022 and the variance sd √(8/n) = 0.0063
    /// (fourth central moment 9); P(X > r) = exp(−r) gives 90.7 ± 9.5 samples, and only the tail path
    /// can return x > r (every other layer is narrower than r). P(X > r + 1) gives 33.4 ± 5.8; as
    /// x₀ = r + 1, only a restarted tail gets there.
    func test_samples_areExponential_includingTheTail() {
        let stream = RandomStream(seed: 2000, .schedule)
        let n = 200_000
        var samples = (0..<n).map { step in
            var cell = stream.generator(agent: 3, step: step)
            return cell.exponential(rate: 1)
        }
        samples.sort()
        var ks = 0.0
        for (i, x) in samples.enumerated() {
            let cdf = -expm1(-x)
            ks = max(ks, Double(i + 1) / Double(n) - cdf, cdf - Double(i) / Double(n))
        }
        XCTAssertLessThan(ks, 1.95 / Double(n).squareRoot())
        let stats = RunningStats(samples)
        XCTAssertEqual(stats.mean, 1, accuracy: 0.01)
        XCTAssertEqual(stats.variance, 1, accuracy: 0.03)
        let tail = samples.count(where: { $0 > Z.r })
        XCTAssertGreaterThan(tail, 0)
        XCTAssertEqual(Double(tail), Double(n) * exp(-Z.r), accuracy: 45)  // 4.7 sd
        let farTail = samples.count(where: { $0 > Z.r + 1 })
        XCTAssertEqual(Double(farTail), Double(n) * exp(-Z.r - 1), accuracy: 27)  // 4.7 sd
    }

    /// The slow paths, draw by draw: a first draw in the base layer beyond r gives r plus the sample
    /// from the second draw on; a first draw in a wedge is accepted when the second draw's height
    /// f(xᵢ) + U·(f(xᵢ₊₁) − f(xᵢ)) is below exp(−x), and otherwise the sample is the one from the third draw on.
    func test_tailAndWedge_continueTheCellsDraws() {
        let stream = RandomStream(seed: 12, .schedule)
        var tails = 0, accepted = 0, rejected = 0
        for step in 0..<100_000 {
            var cell = stream.generator(agent: 1, step: step), rest = cell
            let bits = rest.next()
            let i = Int(bits & 0xFF), x = Double(bits >> 11) * 0x1p-53 * Z.edges[i]
            if x < Z.edges[i + 1] { continue }
            let sample = cell.exponential(rate: 1)
            if i == 0 {
                tails += 1
                XCTAssertEqual(sample, Z.r + rest.exponential(rate: 1), "step \(step)")
            } else if Z.densities[i] + rest.uniform() * (Z.densities[i + 1] - Z.densities[i]) < exp(-x) {
                accepted += 1
                XCTAssertEqual(sample, x, "step \(step)")
            } else {
                rejected += 1
                XCTAssertEqual(sample, rest.exponential(rate: 1), "step \(step)")
            }
            XCTAssertEqual(cell.draws, rest.draws, "step \(step)")
        }
        // Expected per 100,000: 45 tails; 2,177 wedges, 1,078 of them accepted (the wedges' area under f).
        XCTAssertGreaterThan(tails, 20)
        XCTAssertGreaterThan(accepted, 800)
        XCTAssertGreaterThan(rejected, 800)
    }

    /// The first draw's low byte picks the layer and its top 53 bits the position; on the fast path
    /// that draw is the only one.
    func test_fastPath_usesOneDrawSplitIntoLayerAndPosition() {
        let stream = RandomStream(seed: 8, .world)
        var fast = 0
        for step in 0..<10_000 {
            var cell = stream.generator(agent: 0, step: step), copy = cell
            let bits = copy.next()
            let i = Int(bits & 0xFF), x = Double(bits >> 11) * 0x1p-53 * Z.edges[i]
            let sample = cell.exponential(rate: 2)
            guard x < Z.edges[i + 1] else { continue }
            fast += 1
            XCTAssertEqual(sample, x / 2, "step \(step)")
            XCTAssertEqual(cell.draws, 1, "step \(step)")
        }
        XCTAssertGreaterThan(fast, 9_700)  // 97.8% expected
    }

    /// Same cell, same samples, and a sample replays from its first draw number. Draws per sample:
    /// attempts are geometric with success (1 − exp(−r))/(256 v) (the tail counts as a fresh attempt) and
    /// each takes 1 + P(wedge) draws, 1.0336 on average; the mean of 100,000 has sd ≈ 0.0006.
    func test_sameCell_sameSamples_aboutOneDrawEach() {
        let stream = RandomStream(seed: 31, .schedule)
        var a = stream.generator(agent: 5, step: 8), b = stream.generator(agent: 5, step: 8)
        let n = 100_000
        var firstDraws = [UInt64](), samples = [Double]()
        for _ in 0..<n {
            firstDraws.append(a.draws)
            samples.append(a.exponential(rate: 1.5))
            let before = b.draws
            XCTAssertEqual(b.exponential(rate: 1.5), samples.last)
            XCTAssertGreaterThanOrEqual(b.draws - before, 1)
        }
        XCTAssertEqual(a.draws, b.draws)
        var replay = stream.generator(agent: 5, step: 8)
        for k in [0, 1, 777, n - 1] {
            replay.draws = firstDraws[k]
            XCTAssertEqual(replay.exponential(rate: 1.5), samples[k], "sample \(k)")
        }
        var wedge = 0.0
        for i in 1...255 { wedge += (1 - Z.edges[i + 1] / Z.edges[i]) / 256 }
        let success: Double = (1 - exp(-Z.r)) / (256 * Z.v)
        let expected = (1 + wedge) / success
        let perSample = Double(a.draws) / Double(n)
        XCTAssertEqual(perSample, expected, accuracy: 0.003)
        XCTAssertLessThan(perSample, 1.05)
    }
}
