import Engine
import Foundation

extension ForecastSimulation {
    /// Phase 1's encoding: Z_t of every client into the newest slot of ``encodingHistory``, chunk by chunk.
    mutating func encode(round t: Int) {
        let x = data.input(t), maps = encoders.maps, chunks = chunks, threads = threads
        let slot = encodingHistory.advance()
        encodingHistory.storage.withUnsafeMutableBufferPointer { ring in
            let out = ChunkedBuffer(UnsafeMutableBufferPointer(rebasing: ring[slot...]))
            encoders.withPrevious { previous in
                let prev = ChunkedBuffer(UnsafeMutableBufferPointer(start: previous, count: 0))
                _ = chunks.map(threads: threads) { _, range in
                    maps.encode(input: x, round: t, clients: range, previous: UnsafePointer(prev.buffer.baseAddress!),
                                into: out.buffer.baseAddress!, stream: maps.stream, noiseAgentOffset: 0,
                                storeInto: prev.buffer.baseAddress!)
                }
            }
        }
    }

    /// The window game of round t: rounds t−T … t−1, replayed from y_{t−T}.
    func windowGame(endingAt t: Int) -> WindowGame {
        let T = policy.window
        var encodings = ((t - T)..<t).map { encodingHistory.row($0) }
        var samples: [[[Double]]]?
        if policy.mcSamples > 0 {
            samples = monteCarloEncodings(endingAt: t)
            encodings = samples!.map { draws in
                (0..<draws[0].count).map { r in draws.reduce(0) { $0 + $1[r] } / Double(draws.count) }
            }
        }
        var game = WindowGame(clients: clients, targetDimension: data.targetDimension,
                              latentWidth: encoders.config.latentWidth, encodings: encodings,
                              targets: ((t - T)...t).map { data.target($0) },
                              mixtureWeights: ((t - T)..<t).map { weightHistory!.row($0) }, weights: policy.weights)
        game.encodingSamples = samples
        return game
    }

    /// `mcSamples` encoder rollouts over the window, `[τ][sample]`, each started at the last synchronized
    /// state Z_{t−T−1} (zero before round 0) with fresh noise from the `learner` stream.
    func monteCarloEncodings(endingAt t: Int) -> [[[Double]]] {
        let T = policy.window, samples = policy.mcSamples
        let start = t - T - 1 >= 0 ? encodingHistory.row(t - T - 1) : [Double](repeating: 0, count: encodingHistory.width)
        var draws = Array(repeating: [[Double]](), count: T)
        let stream = RandomStream(seed: seed, .learner)
        for k in 0..<samples {
            var z = start
            for tau in 0..<T {
                z = encoders.peek(input: data.input(t - T + tau), round: t * samples + k, previous: z,
                                  stream: stream, noiseAgentOffset: tau * clients)
                draws[tau].append(z)
            }
        }
        return draws
    }

    /// Applies a solved window: the last β (fitted with Z_{t−1}) is applied to Z_t, from the replayed
    /// window-end value (`replayReset`), from the client's own Yhat_i,t, or — `anchor: last` — from y_t.
    mutating func applyGame(_ solution: WindowSolution, round t: Int) {
        let beta = solution.controls[policy.window - 1]
        if policy.anchor == .last {
            setNext(base: lastObservation(round: t), beta: beta, round: t)
        } else if policy.replayReset {
            setNext(base: solution.states[policy.window], beta: beta, round: t)
        } else {
            setNext(base: predictions, beta: beta, round: t)
        }
    }

    /// y_t repeated for every client (flat `[client][dimension]`): the base of `anchor: last`.
    func lastObservation(round t: Int) -> [Double] {
        let y = data.target(t), dy = data.targetDimension
        var base = [Double](repeating: 0, count: clients * dy)
        for i in 0..<clients { for d in 0..<dy { base[i * dy + d] = y[d] } }
        return base
    }

    /// `persistence`: every client forecasts y_t, with β = 0.
    mutating func applyPersistence(round t: Int) {
        nextPredictions = lastObservation(round: t)
        for c in controls.indices { controls[c] = 0 }
    }

    /// Yhat_i,t+1 = base_i + Z_i,t β_i for every client (the sum over columns first), and β kept for scoring.
    private mutating func setNext(base: [Double], beta: [Double], round t: Int) {
        let dy = data.targetDimension, dz = encoders.config.latentWidth, n = clients
        let z = encodingHistory.offset(t)
        controls = beta
        encodingHistory.storage.withUnsafeBufferPointer { ring in
            nextPredictions.withUnsafeMutableBufferPointer { next in
                for i in 0..<n {
                    for r in 0..<dy {
                        var s = 0.0
                        for c in 0..<dz { s += ring[z + (i * dy + r) * dz + c] * beta[i * dz + c] }
                        next[i * dy + r] = base[i * dy + r] + s
                    }
                }
            }
        }
    }

    /// The greedy local ridge update of every client (GreedyConfig), chunk by chunk. With `anchor: last`
    /// the residual is the increment y_s+1 − y_s and the new prediction starts from y_t.
    mutating func applyGreedy(round t: Int) throws {
        let last = policy.anchor == .last
        let dy = data.targetDimension, dz = encoders.config.latentWidth
        let g = policy.greedy
        let first = max(0, t - g.window)
        let decay = (first..<t).map { exp(-g.alpha * Double(t - 1 - $0)) }
        let zSlots = (first...t).map { encodingHistory.offset($0) }, pSlots = (first..<t).map { predictionHistory.offset($0) }
        let chunks = chunks, threads = threads
        let failures = encodingHistory.storage.withUnsafeBufferPointer { ring in
            predictionHistory.storage.withUnsafeBufferPointer { history in
                data.targets.elements.withUnsafeBufferPointer { targets in
                    predictions.withUnsafeBufferPointer { base in
                        nextPredictions.withUnsafeMutableBufferPointer { nextBuffer in
                            controls.withUnsafeMutableBufferPointer { betaBuffer in
                                let shared = GreedyBuffers(ring: ring, history: history, targets: targets, base: base,
                                                           next: ChunkedBuffer(nextBuffer), beta: ChunkedBuffer(betaBuffer))
                                return chunks.map(threads: threads) { _, range -> LinearAlgebraError? in
                                    do {
                                        try shared.update(clients: range, first: first, round: t, dy: dy, dz: dz, gamma: g.gamma,
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
    /// eight clients at a time in the lanes of ``RiccatiLanes`` (each lane's arithmetic is a client's own).
    /// `anchoredAtLast`: y_s replaces Yhat_i,s in the residual and y_t replaces Yhat_i,t in the update.
    func update(clients range: Range<Int>, first: Int, round t: Int, dy: Int, dz: Int, gamma: Double,
                decay: [Double], zSlots: [Int], pSlots: [Int], anchoredAtLast: Bool) throws {
        typealias Lanes = RiccatiLanes.Lanes
        let size = dy * dz
        try withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 2 * dz * dz + dz + 1) { scratch in
            let a = scratch.baseAddress!, l = a + dz * dz, x = l + dz * dz
            let next = next.buffer, beta = beta.buffer
            try RiccatiLanes.forEachBatch(count: range.count) { positions, real in
                let clients = positions &+ range.lowerBound
                func gather(_ offset: Int, stride: Int) -> Lanes {
                    var v = Lanes(repeating: 0)
                    for lane in 0..<RiccatiLanes.width { v[lane] = ring[offset + clients[lane] * stride] }
                    return v
                }
                if t >= 1 {
                    for j in 0..<(dz * dz) { a[j] = Lanes(repeating: 0) }
                    for d in 0..<dz { a[d * dz + d] = Lanes(repeating: gamma) }
                    for p in 0..<dz { x[p] = Lanes(repeating: 0) }
                    for s in first..<t {
                        let c = Lanes(repeating: decay[s - first]), z = zSlots[s - first], yhat = pSlots[s - first]
                        let y = (s + 1) * dy
                        for p in 0..<dz {
                            for r in 0..<dy {
                                let zrp = gather(z + r * dz + p, stride: size)
                                var own = Lanes(repeating: targets[s * dy + r])
                                if !anchoredAtLast {
                                    for lane in 0..<RiccatiLanes.width { own[lane] = history[yhat + clients[lane] * dy + r] }
                                }
                                x[p] += c * zrp * (Lanes(repeating: targets[y + r]) - own)
                                for q in 0..<dz { a[p * dz + q] += c * zrp * gather(z + r * dz + q, stride: size) }
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
