import Engine
import Foundation

/// Which black-box encoder the clients use.
public enum EncoderKind: String, Sendable, CaseIterable, Codable {
    /// Echo-state network: Z_t = φ(A X_t + B Z_{t−1} + b + σ W_t).
    case esn
    /// Random features: Z_t = φ(A X_t + b + σ W_t) (no recurrence).
    case rf
    /// Random linear projections, one per latent column: Z_t[r, c] = φ((A_c x_t)[r] + b[r, c] + σ W_t[c]),
    /// φ the identity by default. Unlike `esn` and `rf`, whose columns all see the same projection A x_t,
    /// d_z ≥ d_x columns span the whole input, so a client's linear read-out β can fit any linear model of
    /// its inputs (an autoregression on lagged targets, say). Our addition, not FedMOE's.
    case projection
}

/// The encoder's activation φ.
public enum EncoderActivation: String, Sendable, CaseIterable, Codable {
    /// Hard sigmoid, clamp(u / 6 + 1/2, 0, 1) (PyTorch's `Hardsigmoid`; the ESN default).
    case hardSigmoid
    /// tanh (suggested for ETT).
    case tanh
    /// max(0, u) (the `rf` default).
    case relu
    /// u (the `projection` default).
    case identity

    /// φ(u).
    @inlinable
    public func callAsFunction(_ u: Double) -> Double {
        switch self {
        case .hardSigmoid: return min(1, max(0, u / 6 + 0.5))
        case .tanh: return Foundation.tanh(u)
        case .relu: return max(0, u)
        case .identity: return u
        }
    }
}

/// Encoder settings shared by a world's client population, so that policies compared under one seed
/// share the same clients.
public struct EncoderConfig: Sendable, Equatable, Codable {
    public var kind: EncoderKind = .esn
    /// d_z, the latent width (columns of Z).
    public var latentWidth = 3
    /// σ, the scale of the fresh noise row W_t.
    public var sigma = 0.01
    /// φ; nil picks the kind's default (hard sigmoid for `esn`, ReLU for `rf`, the identity for `projection`).
    public var activation: EncoderActivation?

    public init(kind: EncoderKind = .esn, latentWidth: Int = 3, sigma: Double = 0.01,
                activation: EncoderActivation? = nil) {
        self.kind = kind
        self.latentWidth = latentWidth
        self.sigma = sigma
        self.activation = activation
    }

    /// The activation in force.
    public var resolvedActivation: EncoderActivation {
        if let activation { return activation }
        switch kind {
        case .esn: return .hardSigmoid
        case .rf: return .relu
        case .projection: return .identity
        }
    }

    /// Rows of A per target row: one projection shared by every column, or one per column (`projection`).
    public var projections: Int { kind == .projection ? latentWidth : 1 }
}

/// The fixed part of N encoder clients: their maps and noise stream (arrays shared, not copied).
///
/// Client i's maps A_i (d_y × d_x; d_y · d_z × d_x for `projection`), B_i (d_y × d_y), b_i (d_y × d_z) have
/// N(0, 1) entries drawn once from
/// the `client` stream cell (agent i, step −1) in that order; the noise row W_t ∈ R^{1×d_z} of round t
/// is drawn fresh from the cell (agent i, step t) and added to every row (σ_t W_t with σ_t = σ·1).
/// X_t is x_t repeated into d_z columns, so (A_i X_t)[r, c] = (A_i x_t)[r].
public struct EncoderMaps: Sendable {
    public let config: EncoderConfig
    public let inputDimension: Int
    public let targetDimension: Int
    let mapA: [Double], mapB: [Double], bias: [Double]
    /// The `client` stream of the encoder noise.
    public let stream: RandomStream

    /// Draws the maps of `clients` clients.
    /// - Precondition: all sizes >= 1.
    public init(config: EncoderConfig, clients: Int, inputDimension: Int, targetDimension: Int, seed: UInt64) {
        precondition(clients >= 1 && inputDimension >= 1 && targetDimension >= 1 && config.latentWidth >= 1,
                     "EncoderMaps: sizes must be >= 1")
        self.config = config
        self.inputDimension = inputDimension
        self.targetDimension = targetDimension
        stream = RandomStream(seed: seed, .client)
        let dy = targetDimension, dx = inputDimension, dz = config.latentWidth, rows = dy * config.projections
        var a = [Double](), b = [Double](), c = [Double]()
        a.reserveCapacity(clients * rows * dx)
        b.reserveCapacity(clients * dy * dy)
        c.reserveCapacity(clients * dy * dz)
        for i in 0..<clients {
            var g = stream.generator(agent: i, step: -1)
            for _ in 0..<(rows * dx) { a.append(g.normal()) }
            for _ in 0..<(dy * dy) { b.append(g.normal()) }
            for _ in 0..<(dy * dz) { c.append(g.normal()) }
        }
        mapA = a
        mapB = b
        bias = c
    }

    /// Size of one client's Z (d_y · d_z).
    public var blockSize: Int { targetDimension * config.latentWidth }

    /// Z_t of clients 0 … `clients` − 1 from a given Z_{t−1}, with noise from `noiseStream` (the `client`
    /// stream for the real encoders; another stream for Monte-Carlo rollouts); nothing is stored.
    public func peek(input x: [Double], round t: Int, clients: Int, previous prev: [Double], stream noiseStream: RandomStream,
                     noiseAgentOffset: Int = 0) -> [Double] {
        var z = [Double](repeating: 0, count: clients * blockSize)
        prev.withUnsafeBufferPointer { p in
            z.withUnsafeMutableBufferPointer { out in
                encode(input: x, round: t, clients: 0..<clients, previous: p.baseAddress!, into: out.baseAddress!,
                       stream: noiseStream, noiseAgentOffset: noiseAgentOffset, storeInto: nil)
            }
        }
        return z
    }

    /// The encoder map for the clients in `range`:
    /// Z[r, c] = φ((A x)[r] + b[r, c] + σ W[c] + Σ_k B[r, k] Z_prev[k, c]) (the B term for `esn` only;
    /// `projection` uses its column's own projection (A_c x)[r]),
    /// each sum in ascending index order. A client's block is written to `z` and then, when
    /// `storeInto` is given, copied there (it may alias `previous`: a client's block is read in full
    /// before it is overwritten). Clients in disjoint ranges may be encoded concurrently.
    /// - Complexity: O(|range| · d_y · (d_x + d_y · d_z)) (d_x · d_z for `projection`), no allocation.
    public func encode(input x: [Double], round t: Int, clients range: Range<Int>, previous prev: UnsafePointer<Double>,
                       into z: UnsafeMutablePointer<Double>, stream noiseStream: RandomStream, noiseAgentOffset: Int,
                       storeInto store: UnsafeMutablePointer<Double>?) {
        precondition(x.count == inputDimension, "encode: input of length \(x.count), expected \(inputDimension)")
        let dy = targetDimension, dx = inputDimension, dz = config.latentWidth, size = dy * dz
        let phi = config.resolvedActivation, sigma = config.sigma
        let recurrent = config.kind == .esn, perColumn = config.kind == .projection
        withUnsafeTemporaryAllocation(of: Double.self, capacity: dz) { noise in
            x.withUnsafeBufferPointer { x in
                mapA.withUnsafeBufferPointer { mapA in
                    mapB.withUnsafeBufferPointer { mapB in
                        bias.withUnsafeBufferPointer { bias in
                            for i in range {
                                var g = noiseStream.generator(agent: i + noiseAgentOffset, step: t)
                                for c in 0..<dz { noise[c] = sigma * g.normal() }
                                for r in 0..<dy {
                                    var ax = 0.0
                                    if !perColumn { for k in 0..<dx { ax += mapA[(i * dy + r) * dx + k] * x[k] } }
                                    for c in 0..<dz {
                                        if perColumn {
                                            ax = 0
                                            for k in 0..<dx { ax += mapA[((i * dy + r) * dz + c) * dx + k] * x[k] }
                                        }
                                        var u = ax + bias[(i * dy + r) * dz + c] + noise[c]
                                        if recurrent {
                                            for k in 0..<dy { u += mapB[(i * dy + r) * dy + k] * prev[(i * dy + k) * dz + c] }
                                        }
                                        z[(i * dy + r) * dz + c] = phi(u)
                                    }
                                }
                                if let store { for j in (i * size)..<((i + 1) * size) { store[j] = z[j] } }
                            }
                        }
                    }
                }
            }
        }
    }
}
