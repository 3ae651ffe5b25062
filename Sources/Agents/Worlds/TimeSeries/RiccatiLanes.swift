/// Eight clients' ``TrackingRiccati`` computed side by side, one client per lane of `SIMD8<Double>`, for
/// populations of millions of clients.
///
/// Every lane performs exactly the floating-point operations of ``TrackingRiccati`` and of ``Matrix``
/// and ``CholeskyFactorization`` (same operands, same order; vector arithmetic rounds each lane as
/// scalar arithmetic does), so each client gets the same bits as alone. Eight independent clients hide
/// the latency of the long dependency chains of the triangular solves (divisions), which dominate a
/// single client's work. Scratch is borrowed, so nothing is allocated per client or per step.
///
/// ``plan(clients:)`` is the reference-independent backward pass (P, G, K's Cholesky factor, Q̃ and
/// F = I + Z G per window step); ``respond(start:reference:)`` is the forward response to a reference
/// shared by the eight clients, leaving β_τ in ``control(_:)`` and Y_τ in ``state(_:)``. Without
/// Monte-Carlo samples only (C = 0).
struct RiccatiLanes {
    typealias Lanes = SIMD8<Double>
    /// Clients per batch.
    static let width = 8

    let window: Int, dy: Int, dz: Int
    let trackingWeight: Double, controlWeight: Double
    let discounts: UnsafePointer<Double>
    /// Where window step τ's encodings of the whole population start.
    private let slots: [UnsafePointer<Double>]
    private let z: UnsafeMutablePointer<Lanes>
    private let chol: UnsafeMutablePointer<Lanes>, gain: UnsafeMutablePointer<Lanes>
    private let qTilde: UnsafeMutablePointer<Lanes>, closed: UnsafeMutablePointer<Lanes>
    private let p: UnsafeMutablePointer<Lanes>, qf: UnsafeMutablePointer<Lanes>, sum: UnsafeMutablePointer<Lanes>
    private let gg: UnsafeMutablePointer<Lanes>, ztq: UnsafeMutablePointer<Lanes>, k: UnsafeMutablePointer<Lanes>
    private let s: UnsafeMutablePointer<Lanes>, rt: UnsafeMutablePointer<Lanes>, v: UnsafeMutablePointer<Lanes>
    private let offsets: UnsafeMutablePointer<Lanes>, vy: UnsafeMutablePointer<Lanes>
    private let t1: UnsafeMutablePointer<Lanes>, t2: UnsafeMutablePointer<Lanes>, t3: UnsafeMutablePointer<Lanes>
    private let states: UnsafeMutablePointer<Lanes>, controls: UnsafeMutablePointer<Lanes>
    private let gv: UnsafeMutablePointer<Lanes>

    /// Lane vectors of scratch a workspace needs.
    static func capacity(window T: Int, dy: Int, dz: Int) -> Int {
        T * (dy * dz + dz * dz + dz * dy + 2 * dy * dy + 2 * dz) + 4 * dy * dy + dz * dy + dz * dz + 2 * dy + dz
            + 4 * dy + (T + 1) * dy + dz
    }

    /// - Precondition: `buffer` holds ``capacity(window:dy:dz:)`` vectors; `discounts` holds T; `slots`
    ///   holds T pointers to the window's encodings of the whole population (flat `[client][row][column]`).
    init(window T: Int, dy: Int, dz: Int, trackingWeight: Double, controlWeight: Double,
         discounts: UnsafePointer<Double>, slots: [UnsafePointer<Double>], buffer: UnsafeMutablePointer<Lanes>) {
        window = T
        self.dy = dy
        self.dz = dz
        self.trackingWeight = trackingWeight
        self.controlWeight = controlWeight
        self.discounts = discounts
        self.slots = slots
        var next = buffer
        func take(_ n: Int) -> UnsafeMutablePointer<Lanes> {
            defer { next += n }
            return next
        }
        z = take(T * dy * dz)
        chol = take(T * dz * dz); gain = take(T * dz * dy); qTilde = take(T * dy * dy); closed = take(T * dy * dy)
        offsets = take(T * dz); controls = take(T * dz)
        p = take(dy * dy); qf = take(dy * dy); sum = take(dy * dy); gg = take(dy * dy)
        ztq = take(dz * dy); k = take(dz * dz)
        s = take(dy); rt = take(dy); v = take(dz); vy = take(dy); t1 = take(dy); t2 = take(dy); t3 = take(dy)
        states = take((T + 1) * dy); gv = take(dz)
    }

    /// β_τ of the last response (d_z vectors, lane l = client l).
    func control(_ tau: Int) -> UnsafeMutablePointer<Lanes> { controls + tau * dz }
    /// Y_τ of the last response, τ = 0 … T (d_y vectors).
    func state(_ tau: Int) -> UnsafeMutablePointer<Lanes> { states + tau * dy }

    /// The backward pass of ``TrackingRiccati/init(encodings:samples:trackingWeight:controlWeight:discounts:)``
    /// for the eight clients `clients` (repeat a client to fill a short batch).
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(step:value:)`` as that initializer does.
    func plan(clients: SIMD8<Int>) throws {
        let dy = dy, dz = dz, size = dy * dz
        for tau in 0..<window {
            let slot = slots[tau], out = z + tau * size
            for j in 0..<size {
                var lanes = Lanes(repeating: 0)
                for lane in 0..<Self.width { lanes[lane] = slot[clients[lane] * size + j] }
                out[j] = lanes
            }
        }
        for j in 0..<(dy * dy) { p[j] = Lanes(repeating: 0) }
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], zt = z + tau * size
            let qt = qTilde + tau * dy * dy, l = chol + tau * dz * dz, g = gain + tau * dz * dy, f = closed + tau * dy * dy
            for j in 0..<(dy * dy) { qt[j] = p[j] }
            let diagonal = c * trackingWeight
            for d in 0..<dy { qt[d * dy + d] += Lanes(repeating: diagonal) }
            // Zᵀ Q̃ (transposeTimes), then K = (Zᵀ Q̃) Z + c γ I.
            Self.transposeTimes(zt, rows: dy, columns: dz, qt, columns: dy, into: ztq)
            Self.times(ztq, rows: dz, inner: dy, zt, columns: dz, into: k)
            let penalty = c * controlWeight
            for d in 0..<dz { k[d * dz + d] += Lanes(repeating: penalty) }
            try Self.choleskyFactor(k, size: dz, into: l)
            // G = −K⁻¹ Zᵀ Q̃, column by column.
            for j in 0..<dy {
                for i in 0..<dz { v[i] = ztq[i * dy + j] }
                Self.choleskySolve(l, size: dz, v)
                for i in 0..<dz { g[i * dy + j] = Lanes(repeating: -1) * v[i] }
            }
            // F = I + Z G; P = Fᵀ (Q̃ F) + c γ Gᵀ G.
            Self.times(zt, rows: dy, inner: dz, g, columns: dy, into: f)
            for d in 0..<dy { f[d * dy + d] += Lanes(repeating: 1) }
            Self.times(qt, rows: dy, inner: dy, f, columns: dy, into: qf)
            Self.transposeTimes(f, rows: dy, columns: dy, qf, columns: dy, into: sum)
            Self.transposeTimes(g, rows: dz, columns: dy, g, columns: dy, into: gg)
            for j in 0..<(dy * dy) { p[j] = sum[j] + Lanes(repeating: penalty) * gg[j] }
        }
    }

    /// ``TrackingRiccati/response(start:reference:)`` of the planned clients; `reference` is flat
    /// `[τ][dimension]` (r_τ+1 at τ), `start` has d_y numbers; both are shared by the eight clients.
    func respond(start: UnsafePointer<Double>, reference: UnsafePointer<Double>) {
        let dy = dy, dz = dz, size = dy * dz
        for d in 0..<dy { s[d] = Lanes(repeating: 0) }
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], zt = z + tau * size
            let qt = qTilde + tau * dy * dy, l = chol + tau * dz * dz, g = gain + tau * dz * dy, f = closed + tau * dy * dy
            let h = offsets + tau * dz
            for d in 0..<dy { rt[d] = Lanes(repeating: c * trackingWeight * reference[tau * dy + d]) - s[d] }
            // h = K⁻¹ Zᵀ r̃ (Matrix × vector sums start at 0 and run in index order).
            for i in 0..<dz {
                var acc = Lanes(repeating: 0)
                for kk in 0..<dy { acc += zt[kk * dz + i] * rt[kk] }
                h[i] = acc
            }
            Self.choleskySolve(l, size: dz, h)
            Self.apply(zt, rows: dy, columns: dz, h, into: vy)
            Self.apply(qt, rows: dy, columns: dy, vy, into: t3)
            Self.applyTransposed(f, rows: dy, columns: dy, t3, into: t1)
            Self.applyTransposed(f, rows: dy, columns: dy, rt, into: t2)
            Self.applyTransposed(g, rows: dz, columns: dy, h, into: t3)
            let penalty = Lanes(repeating: c * controlWeight)
            for d in 0..<dy { s[d] = t1[d] - t2[d] + penalty * t3[d] }
        }
        for d in 0..<dy { states[d] = Lanes(repeating: start[d]) }
        for tau in 0..<window {
            let g = gain + tau * dz * dy, beta = controls + tau * dz
            let y = states + tau * dy, next = states + (tau + 1) * dy
            Self.apply(g, rows: dz, columns: dy, y, into: gv)
            for c in 0..<dz { beta[c] = gv[c] + offsets[tau * dz + c] }
            Self.apply(z + tau * size, rows: dy, columns: dz, beta, into: vy)
            for d in 0..<dy { next[d] = y[d] + vy[d] }
        }
    }

    /// Calls `body` with the positions 0 … count−1 in batches of ``width``, a short last batch padded by
    /// repeating its last position, and how many of the batch's lanes are real.
    static func forEachBatch(count: Int, _ body: (SIMD8<Int>, Int) throws -> Void) rethrows {
        var first = 0
        while first < count {
            let real = min(width, count - first), last = first + real - 1
            var positions = SIMD8<Int>(repeating: last)
            for lane in 0..<real { positions[lane] = first + lane }
            try body(positions, real)
            first += width
        }
    }

    // MARK: Lane kernels with ``Matrix``'s and ``CholeskyFactorization``'s exact operation order

    /// out = a · b (`Matrix.*`): a lane whose entry of a is zero skips that term; sums ascend.
    private static func times(_ a: UnsafePointer<Lanes>, rows n: Int, inner p: Int, _ b: UnsafePointer<Lanes>,
                              columns m: Int, into out: UnsafeMutablePointer<Lanes>) {
        for j in 0..<(n * m) { out[j] = Lanes(repeating: 0) }
        for i in 0..<n {
            for kk in 0..<p {
                let aik = a[i * p + kk], used = aik .!= 0
                for j in 0..<m { out[i * m + j] = out[i * m + j].replacing(with: out[i * m + j] + aik * b[kk * m + j], where: used) }
            }
        }
    }

    /// out = aᵀ · b for a with `rows` × `columns` (`Matrix.transposeTimes`).
    private static func transposeTimes(_ a: UnsafePointer<Lanes>, rows p: Int, columns n: Int, _ b: UnsafePointer<Lanes>,
                                       columns m: Int, into out: UnsafeMutablePointer<Lanes>) {
        for j in 0..<(n * m) { out[j] = Lanes(repeating: 0) }
        for kk in 0..<p {
            for i in 0..<n {
                let aki = a[kk * n + i], used = aki .!= 0
                for j in 0..<m { out[i * m + j] = out[i * m + j].replacing(with: out[i * m + j] + aki * b[kk * m + j], where: used) }
            }
        }
    }

    /// out = a · x (`Matrix * [Double]`).
    private static func apply(_ a: UnsafePointer<Lanes>, rows: Int, columns: Int, _ x: UnsafePointer<Lanes>,
                              into out: UnsafeMutablePointer<Lanes>) {
        for i in 0..<rows {
            var acc = Lanes(repeating: 0)
            for kk in 0..<columns { acc += a[i * columns + kk] * x[kk] }
            out[i] = acc
        }
    }

    /// out = aᵀ · x (`a.transposed * x`).
    private static func applyTransposed(_ a: UnsafePointer<Lanes>, rows: Int, columns: Int, _ x: UnsafePointer<Lanes>,
                                        into out: UnsafeMutablePointer<Lanes>) {
        for i in 0..<columns {
            var acc = Lanes(repeating: 0)
            for kk in 0..<rows { acc += a[kk * columns + i] * x[kk] }
            out[i] = acc
        }
    }

    /// ``CholeskyFactorization/init(_:)`` of the n × n matrices `a` into `l`: the diagonal and below are
    /// written, the entries above it are left as they were (``choleskySolve(_:size:_:)`` never reads them).
    /// - Throws: at the first step where some lane's pivot is not positive and finite.
    static func choleskyFactor(_ a: UnsafePointer<Lanes>, size n: Int, into l: UnsafeMutablePointer<Lanes>) throws {
        for j in 0..<n {
            var d = a[j * n + j]
            for kk in 0..<j { d -= l[j * n + kk] * l[j * n + kk] }
            for lane in 0..<width where !(d[lane] > 0 && d[lane].isFinite) {
                throw LinearAlgebraError.notPositiveDefinite(step: j, value: d[lane])
            }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var total = a[i * n + j]
                for kk in 0..<j { total -= l[i * n + kk] * l[j * n + kk] }
                l[i * n + j] = total / root
            }
        }
    }

    /// ``CholeskyFactorization/solve(_:)-([Double])`` in place.
    static func choleskySolve(_ l: UnsafePointer<Lanes>, size n: Int, _ x: UnsafeMutablePointer<Lanes>) {
        for i in 0..<n {
            var total = x[i]
            for kk in 0..<i { total -= l[i * n + kk] * x[kk] }
            x[i] = total / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var total = x[i]
            for kk in (i + 1)..<n { total -= l[kk * n + i] * x[kk] }
            x[i] = total / l[i * n + i]
        }
    }
}
