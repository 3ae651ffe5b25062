/// The lane kernels of ``RiccatiLanes``, with ``Matrix``'s and ``CholeskyFactorization``'s exact
/// operation order in every lane.
extension RiccatiLanes {
    /// out = a · b (`Matrix.*`): with `skippingZeros`, a lane whose entry of a is zero skips that term
    /// as ``Matrix`` does; sums ascend.
    ///
    /// Without the skip, `probe` gains b · 0 for every entry of b (±0 when b is finite, NaN otherwise).
    /// With every b finite the skip changes no bit: each sum starts at +0 and, rounding to nearest,
    /// x + y is −0 only when x and y both are, so no partial sum is ever −0; a skipped term 0 · b is then
    /// ±0, and adding ±0 to a sum that is not −0 returns that sum.
    static func times(_ a: UnsafePointer<Lanes>, rows n: Int, inner p: Int, _ b: UnsafePointer<Lanes>,
                      columns m: Int, into out: UnsafeMutablePointer<Lanes>, skippingZeros: Bool, probe: inout Lanes) {
        product(a, rowStride: p, innerStride: 1, rows: n, inner: p, b, columns: m, into: out, skippingZeros: skippingZeros, probe: &probe)
    }

    /// The diagonal and lower triangle of a · b for a with n × p and b with p × n, each entry's terms as
    /// ``times(_:rows:inner:_:columns:into:skippingZeros:probe:)`` adds them; the entries above the
    /// diagonal are left as they were (``choleskyFactor(_:size:into:)`` never reads them).
    static func lowerTimes(_ a: UnsafePointer<Lanes>, rows n: Int, inner p: Int, _ b: UnsafePointer<Lanes>,
                           into out: UnsafeMutablePointer<Lanes>, skippingZeros: Bool, probe: inout Lanes) {
        if skippingZeros {
            for i in 0..<n {
                for j in 0...i {
                    var acc = Lanes(repeating: 0)
                    for kk in 0..<p {
                        let aik = a[i * p + kk]
                        acc = acc.replacing(with: acc + aik * b[kk * n + j], where: aik .!= 0)
                    }
                    out[i * n + j] = acc
                }
            }
            return
        }
        for j in 0..<(p * n) { probe += b[j] * Lanes(repeating: 0) }
        for i in 0..<n {
            for j in 0...i {
                var acc = Lanes(repeating: 0)
                for kk in 0..<p { acc += a[i * p + kk] * b[kk * n + j] }
                out[i * n + j] = acc
            }
        }
    }

    /// out = aᵀ · b for a with `rows` × `columns` (`Matrix.transposeTimes`); `skippingZeros` and `probe`
    /// as in ``times(_:rows:inner:_:columns:into:skippingZeros:probe:)``.
    static func transposeTimes(_ a: UnsafePointer<Lanes>, rows p: Int, columns n: Int, _ b: UnsafePointer<Lanes>,
                               columns m: Int, into out: UnsafeMutablePointer<Lanes>, skippingZeros: Bool, probe: inout Lanes) {
        product(a, rowStride: 1, innerStride: n, rows: n, inner: p, b, columns: m, into: out, skippingZeros: skippingZeros, probe: &probe)
    }

    /// out = A · b where A's entry (i, kk) is `a[i · rowStride + kk · innerStride]` (a itself, or a read
    /// transposed): each entry's terms added in ascending kk, as `Matrix.*` and `Matrix.transposeTimes` do.
    private static func product(_ a: UnsafePointer<Lanes>, rowStride: Int, innerStride: Int, rows n: Int, inner p: Int,
                                _ b: UnsafePointer<Lanes>, columns m: Int, into out: UnsafeMutablePointer<Lanes>,
                                skippingZeros: Bool, probe: inout Lanes) {
        for j in 0..<(n * m) { out[j] = Lanes(repeating: 0) }
        if skippingZeros {
            for i in 0..<n {
                for kk in 0..<p {
                    let aik = a[i * rowStride + kk * innerStride], used = aik .!= 0
                    for j in 0..<m { out[i * m + j] = out[i * m + j].replacing(with: out[i * m + j] + aik * b[kk * m + j], where: used) }
                }
            }
            return
        }
        for j in 0..<(p * m) { probe += b[j] * Lanes(repeating: 0) }
        for i in 0..<n {
            for kk in 0..<p {
                let aik = a[i * rowStride + kk * innerStride]
                for j in 0..<m { out[i * m + j] += aik * b[kk * m + j] }
            }
        }
    }

    /// out = a · x (`Matrix * [Double]`).
    static func apply(_ a: UnsafePointer<Lanes>, rows: Int, columns: Int, _ x: UnsafePointer<Lanes>,
                      into out: UnsafeMutablePointer<Lanes>) {
        for i in 0..<rows {
            var acc = Lanes(repeating: 0)
            for kk in 0..<columns { acc += a[i * columns + kk] * x[kk] }
            out[i] = acc
        }
    }

    /// out = aᵀ · x (`a.transposed * x`).
    static func applyTransposed(_ a: UnsafePointer<Lanes>, rows: Int, columns: Int, _ x: UnsafePointer<Lanes>,
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
            let d = pivot(a, size: n, l, j)
            for lane in 0..<width where !(d[lane] > 0 && d[lane].isFinite) {
                throw LinearAlgebraError.notPositiveDefinite(step: j, value: d[lane])
            }
            eliminate(a, size: n, l, j, root: d.squareRoot())
        }
    }

    /// ``choleskyFactor(_:size:into:)`` without its test. `probe` gains root − root for every pivot's
    /// square root (NaN when the pivot is negative, ∞ or NaN; else 0) and `roots` is multiplied by it,
    /// so a pivot ±0 leaves `roots` ±0 or NaN for good (a product that underflows to 0 only reports a
    /// good factor as bad, which costs time, never bits).
    static func choleskyFactor(_ a: UnsafePointer<Lanes>, size n: Int, into l: UnsafeMutablePointer<Lanes>,
                               probe: inout Lanes, roots: inout Lanes) {
        for j in 0..<n {
            let root = pivot(a, size: n, l, j).squareRoot()
            probe += root - root
            roots *= root
            eliminate(a, size: n, l, j, root: root)
        }
    }

    /// The j-th pivot a_jj − Σ_k<j l_jk².
    @inline(__always)
    private static func pivot(_ a: UnsafePointer<Lanes>, size n: Int, _ l: UnsafeMutablePointer<Lanes>, _ j: Int) -> Lanes {
        var d = a[j * n + j]
        for kk in 0..<j { d -= l[j * n + kk] * l[j * n + kk] }
        return d
    }

    /// Column j of the factor below `root` = l_jj.
    @inline(__always)
    private static func eliminate(_ a: UnsafePointer<Lanes>, size n: Int, _ l: UnsafeMutablePointer<Lanes>, _ j: Int, root: Lanes) {
        l[j * n + j] = root
        for i in (j + 1)..<max(n, j + 1) {
            var total = a[i * n + j]
            for kk in 0..<j { total -= l[i * n + kk] * l[j * n + kk] }
            l[i * n + j] = total / root
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
