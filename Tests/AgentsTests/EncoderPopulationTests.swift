import XCTest
import Engine
@testable import Agents

final class EncoderPopulationTests: XCTestCase {
    func test_sameSeed_sameOutputs_differentSeed_differs() {
        var a = EncoderPopulation(config: EncoderConfig(), clients: 3, inputDimension: 2, targetDimension: 2, seed: 1)
        var b = EncoderPopulation(config: EncoderConfig(), clients: 3, inputDimension: 2, targetDimension: 2, seed: 1)
        var c = EncoderPopulation(config: EncoderConfig(), clients: 3, inputDimension: 2, targetDimension: 2, seed: 2)
        for t in 0..<5 {
            let x = [Double(t) * 0.1, 1]
            let za = a.encode(input: x, round: t), zb = b.encode(input: x, round: t), zc = c.encode(input: x, round: t)
            XCTAssertEqual(za, zb)
            XCTAssertNotEqual(za, zc)
            XCTAssertEqual(za.count, 3 * 2 * 3)
        }
    }

    func test_hardSigmoid_boundsOutputs_andActivationsAreCorrect() {
        var e = EncoderPopulation(config: EncoderConfig(sigma: 5), clients: 4, inputDimension: 1, targetDimension: 1, seed: 3)
        for t in 0..<10 { XCTAssertTrue(e.encode(input: [Double(t)], round: t).allSatisfy { $0 >= 0 && $0 <= 1 }) }
        XCTAssertEqual(EncoderActivation.hardSigmoid(0), 0.5)
        XCTAssertEqual(EncoderActivation.hardSigmoid(3), 1)
        XCTAssertEqual(EncoderActivation.hardSigmoid(-3), 0)
        XCTAssertEqual(EncoderActivation.relu(-1), 0)
        XCTAssertEqual(EncoderConfig(kind: .rf).resolvedActivation, .relu)
    }

    func test_noiseless_rf_isStateless_esnIsRecurrent() {
        // σ = 0: random features depend only on x_t; the ESN also on Z_{t−1}.
        var rf = EncoderPopulation(config: EncoderConfig(kind: .rf, sigma: 0), clients: 2, inputDimension: 1,
                                   targetDimension: 2, seed: 4)
        let first = rf.encode(input: [0.7], round: 0)
        _ = rf.encode(input: [-0.2], round: 1)
        XCTAssertEqual(rf.encode(input: [0.7], round: 2), first)
        var esn = EncoderPopulation(config: EncoderConfig(kind: .esn, sigma: 0, activation: .tanh), clients: 2,
                                    inputDimension: 1, targetDimension: 2, seed: 4)
        let e0 = esn.encode(input: [0.7], round: 0)
        _ = esn.encode(input: [-0.2], round: 1)
        XCTAssertNotEqual(esn.encode(input: [0.7], round: 2), e0)
    }

    func test_columnsDifferOnlyByBiasAndNoise() {
        // X_t is x_t repeated into d_z columns: with σ = 0 and ReLU, column c of row r is φ(A x + b[r, c]).
        var e = EncoderPopulation(config: EncoderConfig(kind: .rf, latentWidth: 4, sigma: 0, activation: .tanh),
                                  clients: 1, inputDimension: 1, targetDimension: 1, seed: 8)
        let z0 = e.encode(input: [0], round: 0)
        let z1 = e.encode(input: [1], round: 1)
        // atanh(z1) − atanh(z0) = A x is the same for every column.
        let shifts = (0..<4).map { atanh(z1[$0]) - atanh(z0[$0]) }
        for s in shifts { XCTAssertEqual(s, shifts[0], accuracy: 1e-9) }
    }

    func test_noiselessProjection_isEachColumnsOwnAffineMap() {
        // σ = 0, identity: Z[i, r, c] = (A_{i,c} x)[r] + b[i, r, c], A drawn as d_y · d_z rows of d_x per client.
        let dx = 3, dy = 2, dz = 4, n = 2
        var e = EncoderPopulation(config: EncoderConfig(kind: .projection, latentWidth: dz, sigma: 0), clients: n,
                                  inputDimension: dx, targetDimension: dy, seed: 5)
        let maps = e.maps
        XCTAssertEqual(maps.mapA.count, n * dy * dz * dx)
        XCTAssertEqual(maps.config.resolvedActivation, .identity)
        for (t, x) in [[0.3, -1.2, 2.0], [1.0, 0.5, -0.25]].enumerated() {
            let z = e.encode(input: x, round: t)
            for i in 0..<n {
                for r in 0..<dy {
                    for c in 0..<dz {
                        var expected = maps.bias[(i * dy + r) * dz + c]
                        for k in 0..<dx { expected += maps.mapA[((i * dy + r) * dz + c) * dx + k] * x[k] }
                        XCTAssertEqual(z[(i * dy + r) * dz + c], expected, accuracy: 1e-12)
                    }
                }
            }
        }
        // Unlike rf, columns move by different amounts when x changes (their projections differ).
        let z0 = e.encode(input: [0, 0, 0], round: 2), z1 = e.encode(input: [1, 0, 0], round: 3)
        XCTAssertNotEqual(z1[0] - z0[0], z1[1] - z0[1], accuracy: 1e-6)
    }
}
