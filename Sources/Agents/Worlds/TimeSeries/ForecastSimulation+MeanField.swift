import Engine

extension ForecastSimulation {
    /// A `memoa` game round without Monte-Carlo samples, client by client on fixed chunks: the same
    /// numbers as ``MemoaSolver/solve(_:sample:)`` followed by ``applyGame(_:_:round:)``, with no
    /// per-client allocation and O(T d_z (d_z² + d_y²)) work per client.
    ///
    /// 1. Every reporting client (the k sampled, or all N) plans its Riccati pass and responds to m = 0
    ///    and to the T·d_y unit mean-fields; the averages ā and C̄ are summed in client order per chunk,
    ///    then in chunk order.
    /// 2. (I − C̄) m = ā gives the consistent mean-field (``MemoaSolver/consistentMeanField(mean:slope:)``).
    /// 3. Every client plans again (the same numbers) and responds to m; its last β is applied to Z_t.
    /// - Returns: m_T, the mean-field of the window's last step.
    mutating func playMeanFieldGame(round t: Int, game: WindowGameSettings, consistency: MemoaSolver.Consistency) throws -> [Double] {
        let T = game.window, w = game.weights, dy = data.targetDimension, dz = encoders.config.latentWidth
        precondition(w.q > 0 || w.kappa == 0, "memoa: q = 0 with kappa > 0 has no unique mean-field")
        let size = T * dy, n = clients
        let reporters = state.sample ?? []
        let scale = 1 / Double(state.sample?.count ?? n)
        let solver = MemoaSolver(consistency: consistency)
        let targets = ((t - T)...t).map { data.target($0) }
        let start = targets[0]
        let shape = MeanFieldShape(window: T, dy: dy, dz: dz, weights: w, targets: targets)
        let slots = (0..<T).map { state.encodingHistory.offset(t - T + $0) }
        let basis = (0..<size).map { k in shape.reference(meanField: (0..<size).map { $0 == k ? 1.0 : 0.0 }) }
        let zero = shape.reference(meanField: [Double](repeating: 0, count: size))
        let chunks = chunks, threads = threads, sampled = state.sample != nil
        let partials = state.encodingHistory.storage.withUnsafeBufferPointer { ring in
            let shared = SharedRing(ring: ring)
            return chunks.map(threads: threads) { _, range -> Result<([Double], [Double]), LinearAlgebraError> in
                var mean = [Double](repeating: 0, count: size), slope = [Double](repeating: 0, count: size * size)
                let members: [Int]
                if sampled {
                    let lo = firstIndex(in: reporters, notBelow: range.lowerBound)
                    let hi = firstIndex(in: reporters, notBelow: range.upperBound)
                    members = Array(reporters[lo..<hi])
                } else {
                    members = []
                }
                do {
                    try shape.withWorkspace(ring: shared.ring, slots: slots) { ws in
                        try withUnsafeTemporaryAllocation(of: RiccatiLanes.Lanes.self, capacity: 2 * size) { scratch in
                            try mean.withUnsafeMutableBufferPointer { meanSums in
                                try slope.withUnsafeMutableBufferPointer { slopeSums in
                                    let a = scratch.baseAddress!, terms = a + size
                                    let scaled = RiccatiLanes.Lanes(repeating: scale)
                                    /// sums[r · stride] += terms[r][lane] for lane 0 … count−1 in order (client order).
                                    func add(_ count: Int, into sums: UnsafeMutablePointer<Double>, stride: Int) {
                                        let raw = UnsafeRawPointer(terms)
                                        for r in 0..<size {
                                            var total = sums[r * stride]
                                            for lane in 0..<count {
                                                total += raw.load(fromByteOffset: (r * RiccatiLanes.width + lane) * 8, as: Double.self)
                                            }
                                            sums[r * stride] = total
                                        }
                                    }
                                    func report(_ batch: RiccatiLanes.Indices, count: Int) throws {
                                        try ws.plan(clients: batch)
                                        ws.respond(start: start, reference: zero)
                                        let y = ws.state(1)
                                        // Lane by lane: a = Y(0), mean += scale · a, slope column k += scale · (Y(e_k) − a).
                                        for r in 0..<size { a[r] = y[r]; terms[r] = scaled * y[r] }
                                        add(count, into: meanSums.baseAddress!, stride: 1)
                                        guard w.kappa != 0 else { return }
                                        // The unit reference e_k differs from m = 0's only at step k / d_y, and the
                                        // steps k / d_y never decrease with k (see respond(start:reference:changedFrom:)).
                                        for k in 0..<size {
                                            ws.respond(start: start, reference: basis[k], changedFrom: k / dy)
                                            for r in 0..<size { terms[r] = scaled * (y[r] - a[r]) }
                                            add(count, into: slopeSums.baseAddress! + k, stride: size)
                                        }
                                    }
                                    if sampled {
                                        try RiccatiLanes.forEachBatch(count: members.count) { p, real in
                                            var batch = p
                                            for lane in 0..<RiccatiLanes.width { batch[lane] = members[p[lane]] }
                                            try report(batch, count: real)
                                        }
                                    } else {
                                        try RiccatiLanes.forEachBatch(count: range.count) { p, real in try report(p &+ range.lowerBound, count: real) }
                                    }
                                }
                            }
                        }
                    }
                } catch {
                    return .failure(error as? LinearAlgebraError ?? .notPositiveDefinite(step: 0, value: .nan))
                }
                return .success((mean, slope))
            }
        }
        var mean = [Double](), slope = [Double]()
        for (index, partial) in partials.enumerated() {
            let (m, c) = try partial.get()
            if index == 0 {
                (mean, slope) = (m, c)
            } else {
                for r in 0..<size { mean[r] += m[r] }
                for r in 0..<(size * size) { slope[r] += c[r] }
            }
        }
        let m = try solver.consistentMeanField(mean: mean, slope: Matrix(rows: size, columns: size, elements: slope))
        let reference = shape.reference(meanField: m)
        try respondAll(shape: shape, slots: slots, start: start, reference: reference, game: game, round: t)
        return Array(m[((T - 1) * dy)..<(T * dy)])
    }

    /// Phase 3 of ``playMeanFieldGame(round:game:consistency:)``: every client's response to the consistent m, applied.
    private mutating func respondAll(shape: MeanFieldShape, slots: [Int], start: [Double], reference: [Double],
                                     game: WindowGameSettings, round t: Int) throws {
        let T = game.window, dy = data.targetDimension, dz = encoders.config.latentWidth
        let reset = game.replayReset, current = state.encodingHistory.offset(t)
        let last = game.anchor == .last ? data.target(t) : nil
        let chunks = chunks, threads = threads
        let failures = state.encodingHistory.storage.withUnsafeBufferPointer { ring in
            state.predictions.withUnsafeBufferPointer { base in
                state.nextPredictions.withUnsafeMutableBufferPointer { nextBuffer in
                    state.controls.withUnsafeMutableBufferPointer { betaBuffer in
                        let shared = SharedRing(ring: ring), own = SharedRing(ring: base)
                        let next = ChunkedBuffer(nextBuffer), beta = ChunkedBuffer(betaBuffer)
                        return chunks.map(threads: threads) { _, range -> LinearAlgebraError? in
                            do {
                                try shape.withWorkspace(ring: shared.ring, slots: slots) { ws in
                                    try RiccatiLanes.forEachBatch(count: range.count) { lanes, count in
                                        try ws.plan(clients: lanes &+ range.lowerBound)
                                        ws.respond(start: start, reference: reference)
                                        let b = ws.control(T - 1), end = ws.state(T)
                                        for lane in 0..<count {
                                            let i = range.lowerBound + lanes[lane]
                                            for c in 0..<dz { beta.buffer[i * dz + c] = b[c][lane] }
                                            for r in 0..<dy {
                                                var s = 0.0
                                                for c in 0..<dz { s += shared.ring[current + (i * dy + r) * dz + c] * b[c][lane] }
                                                next.buffer[i * dy + r] = (last?[r] ?? (reset ? end[r][lane] : own.ring[i * dy + r])) + s
                                            }
                                        }
                                    }
                                }
                                return nil
                            } catch {
                                return error as? LinearAlgebraError ?? .notPositiveDefinite(step: 0, value: .nan)
                            }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }
}

/// The first index of the sorted `values` whose value is >= `bound` (binary search).
private func firstIndex(in values: [Int], notBelow bound: Int) -> Int {
    var lo = 0, hi = values.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if values[mid] < bound { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// A read-only population buffer shared by chunk workers.
private struct SharedRing: @unchecked Sendable {
    let ring: UnsafeBufferPointer<Double>
}

/// The window's constants for ``RiccatiLanes``: sizes, weights, discounts and targets.
private struct MeanFieldShape: Sendable {
    let window: Int, dy: Int, dz: Int
    let weights: CostWeights
    /// y_{t−T+τ}, τ = 0 … T.
    let targets: [[Double]]
    let discounts: [Double]

    init(window: Int, dy: Int, dz: Int, weights: CostWeights, targets: [[Double]]) {
        self.window = window
        self.dy = dy
        self.dz = dz
        self.weights = weights
        self.targets = targets
        discounts = (0..<window).map { weights.discount(step: $0, window: window) }
    }

    /// ``MemoaSolver/reference(_:meanField:)``, flat `[τ][dimension]`. Entry (τ, d) reads only m's
    /// entry (τ, d), so two mean-fields equal at an entry give references equal there bit for bit.
    func reference(meanField m: [Double]) -> [Double] {
        let total = weights.q + weights.kappa
        var out = [Double](repeating: 0, count: window * dy)
        for tau in 0..<window {
            for d in 0..<dy {
                out[tau * dy + d] = total == 0 ? targets[tau + 1][d]
                    : (weights.q * targets[tau + 1][d] + weights.kappa * m[tau * dy + d]) / total
            }
        }
        return out
    }

    /// Runs `body` with a workspace of ``RiccatiLanes/width`` clients on borrowed scratch over the window's encoding slots.
    func withWorkspace(ring: UnsafeBufferPointer<Double>, slots: [Int], _ body: (RiccatiLanes) throws -> Void) throws {
        let capacity = RiccatiLanes.capacity(window: window, dy: dy, dz: dz)
        try withUnsafeTemporaryAllocation(of: RiccatiLanes.Lanes.self, capacity: capacity) { scratch in
            try discounts.withUnsafeBufferPointer { c in
                try body(RiccatiLanes(window: window, dy: dy, dz: dz, trackingWeight: weights.q + weights.kappa,
                                      controlWeight: weights.gamma, discounts: c.baseAddress!,
                                      slots: slots.map { ring.baseAddress! + $0 }, buffer: scratch.baseAddress!))
            }
        }
    }
}
