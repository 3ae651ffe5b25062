/// ``CholeskyFactorization``'s factor and solve on borrowed memory, with exactly its operations in
/// the same order (so the same bits) and no allocation: the per-client ridge solves of `greedy`.
enum CholeskyKernels {
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
