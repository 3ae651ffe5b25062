/// One client's ``TrackingRiccati`` computed in place, for populations of millions of clients: the same
/// equations and the same floating-point operations in the same order (so the same bits), but on
/// borrowed scratch memory instead of ``Matrix`` values — no allocation per client or per step.
///
/// ``plan(encodings:)`` is the reference-independent backward pass (P, G, K's Cholesky factor, Q̃ and
/// F = I + Z G per window step); ``respond(start:reference:)`` is the forward response to one reference,
/// leaving β_τ in ``control(_:)`` and Y_τ in ``state(_:)``. Without Monte-Carlo samples only (C = 0).
/// A workspace belongs to one worker: it is carved from a buffer of ``capacity`` numbers.
struct RiccatiWorkspace {
    let window: Int, dy: Int, dz: Int
    let trackingWeight: Double, controlWeight: Double
    let discounts: UnsafePointer<Double>
    private let chol: UnsafeMutablePointer<Double>, gain: UnsafeMutablePointer<Double>
    private let qTilde: UnsafeMutablePointer<Double>, closed: UnsafeMutablePointer<Double>
    private let p: UnsafeMutablePointer<Double>, qf: UnsafeMutablePointer<Double>, sum: UnsafeMutablePointer<Double>
    private let gg: UnsafeMutablePointer<Double>, ztq: UnsafeMutablePointer<Double>, k: UnsafeMutablePointer<Double>
    private let s: UnsafeMutablePointer<Double>, rt: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>
    private let offsets: UnsafeMutablePointer<Double>, vy: UnsafeMutablePointer<Double>
    private let t1: UnsafeMutablePointer<Double>, t2: UnsafeMutablePointer<Double>, t3: UnsafeMutablePointer<Double>
    private let states: UnsafeMutablePointer<Double>, controls: UnsafeMutablePointer<Double>
    private let gv: UnsafeMutablePointer<Double>
    /// Where round-window step τ's encodings of the whole population start.
    private let slots: [UnsafePointer<Double>]
    /// Where the planned client's block starts within each slot.
    private var clientOffset = 0

    /// Numbers of scratch a workspace needs.
    static func capacity(window T: Int, dy: Int, dz: Int) -> Int {
        T * (dz * dz + dz * dy + 2 * dy * dy + dz + dz) + 4 * dy * dy + dz * dy + dz * dz + 2 * dy + dz + 4 * dy
            + (T + 1) * dy + dz
    }

    /// - Precondition: `buffer` holds ``capacity(window:dy:dz:)`` numbers; `discounts` holds T; `slots`
    ///   holds T pointers to the window's encodings of the whole population (flat `[client][row][column]`).
    init(window T: Int, dy: Int, dz: Int, trackingWeight: Double, controlWeight: Double,
         discounts: UnsafePointer<Double>, slots: [UnsafePointer<Double>], buffer: UnsafeMutablePointer<Double>) {
        self.slots = slots
        window = T
        self.dy = dy
        self.dz = dz
        self.trackingWeight = trackingWeight
        self.controlWeight = controlWeight
        self.discounts = discounts
        var next = buffer
        func take(_ n: Int) -> UnsafeMutablePointer<Double> {
            defer { next += n }
            return next
        }
        chol = take(T * dz * dz); gain = take(T * dz * dy); qTilde = take(T * dy * dy); closed = take(T * dy * dy)
        offsets = take(T * dz); controls = take(T * dz)
        p = take(dy * dy); qf = take(dy * dy); sum = take(dy * dy); gg = take(dy * dy)
        ztq = take(dz * dy); k = take(dz * dz)
        s = take(dy); rt = take(dy); v = take(dz); vy = take(dy); t1 = take(dy); t2 = take(dy); t3 = take(dy)
        states = take((T + 1) * dy); gv = take(dz)
    }

    /// β_τ of the last response (d_z numbers).
    func control(_ tau: Int) -> UnsafeMutablePointer<Double> { controls + tau * dz }
    /// Y_τ of the last response, τ = 0 … T (d_y numbers).
    func state(_ tau: Int) -> UnsafeMutablePointer<Double> { states + tau * dy }

    /// The backward pass of ``TrackingRiccati/init(encodings:samples:trackingWeight:controlWeight:discounts:)``
    /// for client i.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(step:value:)`` as that initializer does.
    mutating func plan(client i: Int) throws {
        clientOffset = i * dy * dz
        let dy = dy, dz = dz
        for j in 0..<(dy * dy) { p[j] = 0 }
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], zt = slots[tau] + clientOffset
            let qt = qTilde + tau * dy * dy, l = chol + tau * dz * dz, g = gain + tau * dz * dy, f = closed + tau * dy * dy
            for j in 0..<(dy * dy) { qt[j] = p[j] }
            let diagonal = c * trackingWeight
            for d in 0..<dy { qt[d * dy + d] += diagonal }
            // Zᵀ Q̃ (transposeTimes), then K = (Zᵀ Q̃) Z + c γ I.
            Self.transposeTimes(zt, rows: dy, columns: dz, qt, columns: dy, into: ztq)
            Self.times(ztq, rows: dz, inner: dy, zt, columns: dz, into: k)
            let penalty = c * controlWeight
            for d in 0..<dz { k[d * dz + d] += penalty }
            try Self.choleskyFactor(k, size: dz, into: l)
            // G = −K⁻¹ Zᵀ Q̃, column by column.
            for j in 0..<dy {
                for i in 0..<dz { v[i] = ztq[i * dy + j] }
                Self.choleskySolve(l, size: dz, v)
                for i in 0..<dz { g[i * dy + j] = -1 * v[i] }
            }
            // F = I + Z G; P = Fᵀ (Q̃ F) + c γ Gᵀ G.
            Self.times(zt, rows: dy, inner: dz, g, columns: dy, into: f)
            for d in 0..<dy { f[d * dy + d] += 1 }
            Self.times(qt, rows: dy, inner: dy, f, columns: dy, into: qf)
            Self.transposeTimes(f, rows: dy, columns: dy, qf, columns: dy, into: sum)
            Self.transposeTimes(g, rows: dz, columns: dy, g, columns: dy, into: gg)
            for j in 0..<(dy * dy) { p[j] = sum[j] + penalty * gg[j] }
        }
    }

    /// ``TrackingRiccati/response(start:reference:)`` of the planned client; `reference` is flat
    /// `[τ][dimension]` (r_τ+1 at τ).
    func respond(start: UnsafePointer<Double>, reference: UnsafePointer<Double>) {
        let dy = dy, dz = dz
        for d in 0..<dy { s[d] = 0 }
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], zt = slots[tau] + clientOffset
            let qt = qTilde + tau * dy * dy, l = chol + tau * dz * dz, g = gain + tau * dz * dy, f = closed + tau * dy * dy
            let h = offsets + tau * dz
            for d in 0..<dy { rt[d] = c * trackingWeight * reference[tau * dy + d] - s[d] }
            // h = K⁻¹ Zᵀ r̃ (Matrix × vector sums start at 0 and run in index order).
            for i in 0..<dz {
                var acc = 0.0
                for kk in 0..<dy { acc += zt[kk * dz + i] * rt[kk] }
                h[i] = acc
            }
            Self.choleskySolve(l, size: dz, h)
            Self.apply(zt, rows: dy, columns: dz, h, into: vy)
            Self.apply(qt, rows: dy, columns: dy, vy, into: t3)
            Self.applyTransposed(f, rows: dy, columns: dy, t3, into: t1)
            Self.applyTransposed(f, rows: dy, columns: dy, rt, into: t2)
            Self.applyTransposed(g, rows: dz, columns: dy, h, into: t3)
            for d in 0..<dy { s[d] = t1[d] - t2[d] + c * controlWeight * t3[d] }
        }
        for d in 0..<dy { states[d] = start[d] }
        for tau in 0..<window {
            let g = gain + tau * dz * dy, beta = controls + tau * dz
            let y = states + tau * dy, next = states + (tau + 1) * dy
            Self.apply(g, rows: dz, columns: dy, y, into: gv)
            for c in 0..<dz { beta[c] = gv[c] + offsets[tau * dz + c] }
            Self.apply(slots[tau] + clientOffset, rows: dy, columns: dz, beta, into: vy)
            for d in 0..<dy { next[d] = y[d] + vy[d] }
        }
    }

    // MARK: Kernels with ``Matrix``'s and ``CholeskyFactorization``'s exact operation order

    /// out = a · b (`Matrix.*`): zero entries of a are skipped; sums over the inner index ascend.
    static func times(_ a: UnsafePointer<Double>, rows n: Int, inner p: Int, _ b: UnsafePointer<Double>, columns m: Int,
                      into out: UnsafeMutablePointer<Double>) {
        for j in 0..<(n * m) { out[j] = 0 }
        for i in 0..<n {
            for kk in 0..<p {
                let aik = a[i * p + kk]
                if aik == 0 { continue }
                for j in 0..<m { out[i * m + j] += aik * b[kk * m + j] }
            }
        }
    }

    /// out = aᵀ · b for a with `rows` × `columns` (`Matrix.transposeTimes`).
    static func transposeTimes(_ a: UnsafePointer<Double>, rows p: Int, columns n: Int, _ b: UnsafePointer<Double>,
                               columns m: Int, into out: UnsafeMutablePointer<Double>) {
        for j in 0..<(n * m) { out[j] = 0 }
        for kk in 0..<p {
            for i in 0..<n {
                let aki = a[kk * n + i]
                if aki == 0 { continue }
                for j in 0..<m { out[i * m + j] += aki * b[kk * m + j] }
            }
        }
    }

    /// out = a · x (`Matrix * [Double]`).
    static func apply(_ a: UnsafePointer<Double>, rows: Int, columns: Int, _ x: UnsafePointer<Double>,
                      into out: UnsafeMutablePointer<Double>) {
        for i in 0..<rows {
            var acc = 0.0
            for kk in 0..<columns { acc += a[i * columns + kk] * x[kk] }
            out[i] = acc
        }
    }

    /// out = aᵀ · x (`a.transposed * x`).
    static func applyTransposed(_ a: UnsafePointer<Double>, rows: Int, columns: Int, _ x: UnsafePointer<Double>,
                                into out: UnsafeMutablePointer<Double>) {
        for i in 0..<columns {
            var acc = 0.0
            for kk in 0..<rows { acc += a[kk * columns + i] * x[kk] }
            out[i] = acc
        }
    }

    /// ``CholeskyFactorization/init(_:)`` of the n × n matrix `a` into `l` (zero above the diagonal).
    static func choleskyFactor(_ a: UnsafePointer<Double>, size n: Int, into l: UnsafeMutablePointer<Double>) throws {
        for j in 0..<(n * n) { l[j] = 0 }
        for j in 0..<n {
            var d = a[j * n + j]
            for kk in 0..<j { d -= l[j * n + kk] * l[j * n + kk] }
            guard d > 0, d.isFinite else { throw LinearAlgebraError.notPositiveDefinite(step: j, value: d) }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var sum = a[i * n + j]
                for kk in 0..<j { sum -= l[i * n + kk] * l[j * n + kk] }
                l[i * n + j] = sum / root
            }
        }
    }

    /// ``CholeskyFactorization/solve(_:)-([Double])`` in place.
    static func choleskySolve(_ l: UnsafePointer<Double>, size n: Int, _ x: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            var sum = x[i]
            for kk in 0..<i { sum -= l[i * n + kk] * x[kk] }
            x[i] = sum / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for kk in (i + 1)..<n { sum -= l[kk * n + i] * x[kk] }
            x[i] = sum / l[i * n + i]
        }
    }
}
