import Engine

/// The comparator of the `worstClientRegret` metric: for every client, the best *fixed* correction of the
/// last observation in hindsight on its own encoder outputs,
///
///   L*_i = min_β Σ_t |y_t+1 − y_t − Z_i,t β|² = c − b_iᵀ A_i⁻¹ b_i,
///   A_i = Σ_t Z_i,tᵀ Z_i,t (d_z × d_z),  b_i = Σ_t Z_i,tᵀ (y_t+1 − y_t),  c = Σ_t |y_t+1 − y_t|²,
///
/// over the scored steps. The regret of client i is its cumulative squared loss Σ_t |Yhat_i,t+1 − y_t+1|²
/// minus L*_i; the metric is the largest over clients. A_i may be singular (a constant encoder output);
/// a ridge of 1e-12 × (trace / d_z) keeps the solve defined and changes L*_i by a negligible amount.
/// Storage: N (d_z² + d_z) sums, updated in O(N d_y d_z²) per step.
public struct HindsightCorrection: Sendable, Equatable, Codable {
    public let clients: Int
    public let targetDimension: Int
    public let latentWidth: Int
    private var gram: [Double]
    private var moment: [Double]
    private var increments = 0.0

    public init(clients: Int, targetDimension: Int, latentWidth: Int) {
        self.clients = clients
        self.targetDimension = targetDimension
        self.latentWidth = latentWidth
        gram = [Double](repeating: 0, count: clients * latentWidth * latentWidth)
        moment = [Double](repeating: 0, count: clients * latentWidth)
    }

    /// Adds one scored step: every client's Z_t (flat `[client][row][column]`), y_t+1 and y_t.
    public mutating func add(encoding z: [Double], target y: [Double], last previous: [Double]) {
        z.withUnsafeBufferPointer { add(encoding: $0.baseAddress!, target: y, last: previous, chunks: PopulationChunks(count: clients), threads: 1) }
    }

    /// ``add(encoding:target:last:)`` with Z_t read in place and the clients' sums updated on `chunks`
    /// (each client's sums in the same order, so any thread count gives the same numbers).
    /// - Precondition: `z` holds N d_y d_z numbers; `chunks` covers the N clients.
    public mutating func add(encoding z: UnsafePointer<Double>, target y: [Double], last previous: [Double],
                             chunks: PopulationChunks, threads: Int) {
        let dy = targetDimension, dz = latentWidth
        for d in 0..<dy { increments += (y[d] - previous[d]) * (y[d] - previous[d]) }
        let delta = (0..<dy).map { y[$0] - previous[$0] }
        gram.withUnsafeMutableBufferPointer { gram in
            moment.withUnsafeMutableBufferPointer { moment in
                let sums = HindsightSums(encoding: z, gram: ChunkedBuffer(gram), moment: ChunkedBuffer(moment))
                _ = chunks.map(threads: threads) { _, range in sums.add(clients: range, delta: delta, dy: dy, dz: dz) }
            }
        }
    }

    /// L*_i for every client.
    public var comparatorLosses: [Double] {
        let dz = latentWidth
        return (0..<clients).map { i in
            var a = Matrix(rows: dz, columns: dz)
            var trace = 0.0
            for p in 0..<dz {
                for q in 0..<dz { a[p, q] = gram[(i * dz + p) * dz + q] }
                trace += a[p, p]
            }
            a.addToDiagonal(max(1e-12 * trace / Double(dz), .leastNormalMagnitude))
            let b = Array(moment[(i * dz)..<((i + 1) * dz)])
            guard let solved = try? CholeskyFactorization(a).solve(b) else { return increments }
            return increments - zip(b, solved).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// max_i (clientLosses[i] − L*_i).
    public func worstRegret(clientLosses: [Double]) -> Double {
        zip(clientLosses, comparatorLosses).map { $0 - $1 }.max() ?? 0
    }
}

/// The comparator's sums shared by the chunk workers (each writes only its own clients' entries).
private struct HindsightSums: @unchecked Sendable {
    let encoding: UnsafePointer<Double>
    let gram: ChunkedBuffer<Double>, moment: ChunkedBuffer<Double>

    /// A_i += Σ_r Z_i[r]ᵀ Z_i[r] and b_i += Σ_r Z_i[r]ᵀ δ_r for the clients in `range`, δ = y_t+1 − y_t.
    func add(clients range: Range<Int>, delta: [Double], dy: Int, dz: Int) {
        let z = encoding, gram = gram.buffer, moment = moment.buffer
        for i in range {
            for r in 0..<dy {
                let row = (i * dy + r) * dz, d = delta[r]
                for p in 0..<dz {
                    let zp = z[row + p]
                    moment[i * dz + p] += zp * d
                    for q in 0..<dz { gram[(i * dz + p) * dz + q] += zp * z[row + q] }
                }
            }
        }
    }
}

extension HindsightCorrection {
    /// Throws ``CheckpointError/corrupt(_:)`` unless the sums are finite, `increments` ≥ 0, and the sizes
    /// are `fresh`'s (a comparator of the same run, as built).
    func validate(like fresh: HindsightCorrection) throws {
        guard clients == fresh.clients, targetDimension == fresh.targetDimension, latentWidth == fresh.latentWidth else {
            throw CheckpointError.corrupt("the regret sums are for \(clients) clients of d_y = \(targetDimension), d_z = \(latentWidth)")
        }
        try StateReader.check(gram, "the regret Gram sums", count: fresh.gram.count)
        try StateReader.check(moment, "the regret moment sums", count: fresh.moment.count)
        guard increments.isFinite, increments >= 0 else { throw CheckpointError.corrupt("the regret increments are \(increments)") }
    }
}
