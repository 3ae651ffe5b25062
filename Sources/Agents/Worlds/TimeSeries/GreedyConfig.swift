import Engine
import Foundation

/// The local discounted-ridge update (`greedy`, FedMOE's client update; the module README, "Time-series
/// prediction"): β_i,t = argmin_β Σ_s e^{−α (t−1−s)} |y_s+1 − Yhat_i,s − Z_i,s β|² + γ |β|² over the last T
/// rounds s = max(0, t−T) … t−1, i.e. β = (Σ c_s Zᵀ Z + γ I)⁻¹ Σ c_s Zᵀ (y_s+1 − Yhat_i,s).
public struct GreedyConfig: Sendable, Equatable, Codable {
    /// T, the local ridge window.
    public var window: Int
    /// α, the discount rate of older rounds.
    public var alpha: Double
    /// γ, the ridge penalty.
    public var gamma: Double

    public init(window: Int = 2, alpha: Double = 0.001, gamma: Double = 10) {
        self.window = window
        self.alpha = alpha
        self.gamma = gamma
    }
}

extension GreedyConfig {
    /// The update of every client at round t, chunk by chunk (the equations above, solved by
    /// ``GreedyBuffers/update(clients:first:round:dy:dz:gamma:decay:zSlots:pSlots:anchoredAtLast:)``): sets
    /// the clients' controls β_i and next predictions Yhat_i,t+1 = Yhat_i,t + Z_i,t β_i. With `anchor: last`
    /// the residual is the increment y_s+1 − y_s and the new prediction starts from y_t.
    /// - Throws: ``LinearAlgebraError`` when a client's normal equations are not positive definite.
    func update(_ simulation: inout ForecastSimulation, round t: Int, anchor: ForecastAnchor) throws {
        let last = anchor == .last
        let dy = simulation.data.targetDimension, dz = simulation.encoders.config.latentWidth
        let first = max(0, t - window)
        let decay = (first..<t).map { exp(-alpha * Double(t - 1 - $0)) }
        let zSlots = (first...t).map { simulation.state.encodingHistory.offset($0) }, pSlots = (first..<t).map { simulation.state.predictionHistory.offset($0) }
        let chunks = simulation.chunks, threads = simulation.threads
        let failures = simulation.state.encodingHistory.storage.withUnsafeBufferPointer { ring in
            simulation.state.predictionHistory.storage.withUnsafeBufferPointer { history in
                simulation.data.targets.elements.withUnsafeBufferPointer { targets in
                    simulation.state.predictions.withUnsafeBufferPointer { base in
                        simulation.state.nextPredictions.withUnsafeMutableBufferPointer { nextBuffer in
                            simulation.state.controls.withUnsafeMutableBufferPointer { betaBuffer in
                                let shared = GreedyBuffers(ring: ring, history: history, targets: targets, base: base,
                                                           next: ChunkedBuffer(nextBuffer), beta: ChunkedBuffer(betaBuffer))
                                return chunks.map(threads: threads) { _, range -> LinearAlgebraError? in
                                    do {
                                        try shared.update(clients: range, first: first, round: t, dy: dy, dz: dz, gamma: gamma,
                                                          decay: decay, zSlots: zSlots, pSlots: pSlots, anchoredAtLast: last)
                                        return nil
                                    } catch {
                                        return error as? LinearAlgebraError ?? .notPositiveDefinite(step: 0, value: .nan)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }
}


/// The buffers of one greedy step, shared by the chunk workers (each writes only its own clients'
/// entries of `next` and `beta`).
private struct GreedyBuffers: @unchecked Sendable {
    let ring: UnsafeBufferPointer<Double>, history: UnsafeBufferPointer<Double>, targets: UnsafeBufferPointer<Double>
    let base: UnsafeBufferPointer<Double>
    let next: ChunkedBuffer<Double>, beta: ChunkedBuffer<Double>

    /// β_i = (Σ_s c_s Z_sᵀ Z_s + γ I)⁻¹ Σ_s c_s Z_sᵀ (y_s+1 − Yhat_i,s) over s = first … t−1 (β = 0 at
    /// t = 0), then Yhat_i,t+1 = Yhat_i,t + Z_i,t β_i; sums in the order of the ``Matrix`` formulation,
    /// ``RiccatiLanes/width`` clients at a time in the lanes of ``RiccatiLanes`` (each lane's arithmetic is a client's own).
    /// `anchoredAtLast`: y_s replaces Yhat_i,s in the residual and y_t replaces Yhat_i,t in the update.
    func update(clients range: Range<Int>, first: Int, round t: Int, dy: Int, dz: Int, gamma: Double,
                decay: [Double], zSlots: [Int], pSlots: [Int], anchoredAtLast: Bool) throws {
        typealias Lanes = RiccatiLanes.Lanes
        let size = dy * dz
        try withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 2 * dz * dz + 2 * dz + 1) { scratch in
            let a = scratch.baseAddress!, l = a + dz * dz, x = l + dz * dz, zr = x + dz
            let next = next.buffer, beta = beta.buffer
            try RiccatiLanes.forEachBatch(count: range.count) { positions, real in
                let clients = positions &+ range.lowerBound
                @inline(__always)
                func gather(_ offset: Int, stride: Int) -> Lanes {
                    var v = Lanes(repeating: 0)
                    for lane in 0..<RiccatiLanes.width { v[lane] = ring[offset + clients[lane] * stride] }
                    return v
                }
                if t >= 1 {
                    for j in 0..<(dz * dz) { a[j] = Lanes(repeating: 0) }
                    for d in 0..<dz { a[d * dz + d] = Lanes(repeating: gamma) }
                    for p in 0..<dz { x[p] = Lanes(repeating: 0) }
                    // Row r of Z_s and its residual are gathered once; every sum still adds its terms
                    // in the order s, then r.
                    for s in first..<t {
                        let c = Lanes(repeating: decay[s - first]), z = zSlots[s - first], yhat = pSlots[s - first]
                        let y = (s + 1) * dy
                        for r in 0..<dy {
                            for q in 0..<dz { zr[q] = gather(z + r * dz + q, stride: size) }
                            var own = Lanes(repeating: targets[s * dy + r])
                            if !anchoredAtLast {
                                for lane in 0..<RiccatiLanes.width { own[lane] = history[yhat + clients[lane] * dy + r] }
                            }
                            let residual = Lanes(repeating: targets[y + r]) - own
                            for p in 0..<dz {
                                let zrp = zr[p]
                                x[p] += c * zrp * residual
                                for q in 0..<dz { a[p * dz + q] += c * zrp * zr[q] }
                            }
                        }
                    }
                    try RiccatiLanes.choleskyFactor(a, size: dz, into: l)
                    RiccatiLanes.choleskySolve(l, size: dz, x)
                } else {
                    for p in 0..<dz { x[p] = Lanes(repeating: 0) }
                }
                let zt = zSlots[t - first]
                for lane in 0..<real {
                    let i = clients[lane]
                    for p in 0..<dz { beta[i * dz + p] = x[p][lane] }
                    for r in 0..<dy {
                        var s = 0.0
                        for c in 0..<dz { s += ring[zt + (i * dy + r) * dz + c] * x[c][lane] }
                        next[i * dy + r] = (anchoredAtLast ? targets[t * dy + r] : base[i * dy + r]) + s
                    }
                }
            }
        }
    }
}
