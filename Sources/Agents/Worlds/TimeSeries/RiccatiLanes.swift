/// Sixteen clients' ``TrackingRiccati`` computed side by side, one client per lane of `SIMD16<Double>`,
/// for populations of millions of clients.
///
/// Every lane performs exactly the floating-point operations of ``TrackingRiccati`` and of ``Matrix``
/// and ``CholeskyFactorization`` (same operands, same order; vector arithmetic rounds each lane as
/// scalar arithmetic does), so each client gets the same bits as alone. Sixteen independent clients hide
/// the latency of the long dependency chains of the triangular solves (divisions), which dominate a
/// single client's work: with eight, each step of a chain waited on the previous division's latency
/// rather than on the divider's throughput. Scratch is borrowed, so nothing is allocated per client or
/// per step.
///
/// ``plan(clients:)`` is the reference-independent backward pass (P, G, K's Cholesky factor, Q̃ and
/// F = I + Z G per window step); ``respond(start:reference:)`` is the forward response to a reference
/// shared by the clients, leaving β_τ in ``control(_:)`` and Y_τ in ``state(_:)``;
/// ``respond(start:reference:changedFrom:)`` reuses the last full response's backward pass where a new
/// reference agrees with its reference. Without Monte-Carlo samples only (C = 0).
struct RiccatiLanes {
    typealias Lanes = SIMD16<Double>
    /// One client index per lane.
    typealias Indices = SIMD16<Int>
    /// Clients per batch.
    static let width = 16

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
    /// s as the last full response's backward pass entered window step τ, flat `[τ][dimension]`.
    private let entering: UnsafeMutablePointer<Lanes>

    /// Lane vectors of scratch a workspace needs.
    static func capacity(window T: Int, dy: Int, dz: Int) -> Int {
        T * (dy * dz + dz * dz + dz * dy + 2 * dy * dy + 2 * dz) + 4 * dy * dy + dz * dy + dz * dz + 2 * dy + dz
            + 4 * dy + (T + 1) * dy + dz + T * dy
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
        states = take((T + 1) * dy); gv = take(dz); entering = take(T * dy)
    }

    /// β_τ of the last response (d_z vectors, lane l = client l).
    func control(_ tau: Int) -> UnsafeMutablePointer<Lanes> { controls + tau * dz }
    /// Y_τ of the last response, τ = 0 … T (d_y vectors).
    func state(_ tau: Int) -> UnsafeMutablePointer<Lanes> { states + tau * dy }

    /// The backward pass of ``TrackingRiccati/init(encodings:samples:trackingWeight:controlWeight:discounts:)``
    /// for the ``width`` clients `clients` (repeat a client to fill a short batch).
    ///
    /// First without the checks that almost never fire: products without ``Matrix``'s skip of zero
    /// entries, a Cholesky factor without its pivot test. When every right operand of a product was
    /// finite and every pivot positive and finite, that pass equals the exact one bit for bit (by
    /// induction over its steps, each product seeing the same operands; see
    /// ``times(_:rows:inner:_:columns:into:skippingZeros:probe:)``); otherwise the exact pass runs again.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(step:value:)`` as that initializer does.
    func plan(clients: Indices) throws {
        let dy = dy, dz = dz, size = dy * dz
        for tau in 0..<window {
            let slot = slots[tau], out = z + tau * size
            for j in 0..<size {
                var lanes = Lanes(repeating: 0)
                for lane in 0..<Self.width { lanes[lane] = slot[clients[lane] * size + j] }
                out[j] = lanes
            }
        }
        var probe = Lanes(repeating: 0), roots = Lanes(repeating: 1)
        try backwardPlan(exact: false, probe: &probe, roots: &roots)
        if !all(probe .== 0) || !all(roots .> 0) { try backwardPlan(exact: true, probe: &probe, roots: &roots) }
    }

    /// The Riccati recursion over the gathered encodings. `exact`: ``Matrix``'s and
    /// ``CholeskyFactorization``'s operations, checks included; otherwise `probe` collects b · 0 of every
    /// right operand b and root − root of every pivot's square root, and `roots` their product: the pass
    /// was exact when `probe` stayed zero and `roots` positive (it may report an exact pass as not).
    private func backwardPlan(exact: Bool, probe: inout Lanes, roots: inout Lanes) throws {
        let dy = dy, dz = dz, size = dy * dz
        for j in 0..<(dy * dy) { p[j] = Lanes(repeating: 0) }
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], zt = z + tau * size
            let qt = qTilde + tau * dy * dy, l = chol + tau * dz * dz, g = gain + tau * dz * dy, f = closed + tau * dy * dy
            for j in 0..<(dy * dy) { qt[j] = p[j] }
            let diagonal = c * trackingWeight
            for d in 0..<dy { qt[d * dy + d] += Lanes(repeating: diagonal) }
            // Zᵀ Q̃ (transposeTimes), then K = (Zᵀ Q̃) Z + c γ I, its diagonal and below (all the factor reads).
            Self.transposeTimes(zt, rows: dy, columns: dz, qt, columns: dy, into: ztq, skippingZeros: exact, probe: &probe)
            Self.lowerTimes(ztq, rows: dz, inner: dy, zt, into: k, skippingZeros: exact, probe: &probe)
            let penalty = c * controlWeight
            for d in 0..<dz { k[d * dz + d] += Lanes(repeating: penalty) }
            if exact {
                try Self.choleskyFactor(k, size: dz, into: l)
            } else {
                Self.choleskyFactor(k, size: dz, into: l, probe: &probe, roots: &roots)
            }
            // G = −K⁻¹ Zᵀ Q̃, column by column.
            for j in 0..<dy {
                for i in 0..<dz { v[i] = ztq[i * dy + j] }
                Self.choleskySolve(l, size: dz, v)
                for i in 0..<dz { g[i * dy + j] = Lanes(repeating: -1) * v[i] }
            }
            // F = I + Z G; P = Fᵀ (Q̃ F) + c γ Gᵀ G.
            Self.times(zt, rows: dy, inner: dz, g, columns: dy, into: f, skippingZeros: exact, probe: &probe)
            for d in 0..<dy { f[d * dy + d] += Lanes(repeating: 1) }
            Self.times(qt, rows: dy, inner: dy, f, columns: dy, into: qf, skippingZeros: exact, probe: &probe)
            Self.transposeTimes(f, rows: dy, columns: dy, qf, columns: dy, into: sum, skippingZeros: exact, probe: &probe)
            Self.transposeTimes(g, rows: dz, columns: dy, g, columns: dy, into: gg, skippingZeros: exact, probe: &probe)
            for j in 0..<(dy * dy) { p[j] = sum[j] + Lanes(repeating: penalty) * gg[j] }
        }
    }

    /// ``TrackingRiccati/response(start:reference:)`` of the planned clients; `reference` is flat
    /// `[τ][dimension]` (r_τ+1 at τ), `start` has d_y numbers; both are shared by the clients.
    func respond(start: UnsafePointer<Double>, reference: UnsafePointer<Double>) {
        for d in 0..<dy { s[d] = Lanes(repeating: 0) }
        backward(from: window - 1, reference: reference, saving: true)
        forward(start: start)
    }

    /// ``respond(start:reference:)`` when `reference` equals the last full response's reference bit for
    /// bit at every window step after `top`.
    ///
    /// Exact: the backward pass runs τ = T−1 … 0 and its step τ reads only r_τ+1, s and the plan, so up
    /// to step `top` it repeats, operation for operation, the last full response's steps. That response
    /// kept s as it entered each step and its offsets h_τ; this one starts at `top` from the kept s and
    /// reuses the kept h_τ for τ > `top` (the forward pass reads every h_τ).
    /// - Precondition: every response since the last full one started at a step <= `top` (it overwrote
    ///   h_τ for τ up to its own start only).
    func respond(start: UnsafePointer<Double>, reference: UnsafePointer<Double>, changedFrom top: Int) {
        for d in 0..<dy { s[d] = entering[top * dy + d] }
        backward(from: top, reference: reference, saving: false)
        forward(start: start)
    }

    /// The backward pass of ``respond(start:reference:)`` over τ = `top` … 0 from the current s, writing
    /// h_τ into `offsets`; `saving` keeps s as it enters each step.
    private func backward(from top: Int, reference: UnsafePointer<Double>, saving: Bool) {
        let dy = dy, dz = dz, size = dy * dz
        for tau in stride(from: top, through: 0, by: -1) {
            if saving { for d in 0..<dy { entering[tau * dy + d] = s[d] } }
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
    }

    /// The forward pass: β_τ = G_τ Y_τ + h_τ, Y_τ+1 = Y_τ + Z_τ β_τ from Y_0 = `start`.
    private func forward(start: UnsafePointer<Double>) {
        let dy = dy, dz = dz, size = dy * dz
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
    static func forEachBatch(count: Int, _ body: (Indices, Int) throws -> Void) rethrows {
        var first = 0
        while first < count {
            let real = min(width, count - first), last = first + real - 1
            var positions = Indices(repeating: last)
            for lane in 0..<real { positions[lane] = first + lane }
            try body(positions, real)
            first += width
        }
    }
}
