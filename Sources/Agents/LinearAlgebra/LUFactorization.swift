/// LU factorization with partial (row) pivoting, P·A = L·U, for general square systems — the stacked
/// first-order conditions of `nash-n` are not symmetric.
///
/// Accuracy: backward stable in practice (Higham, "Accuracy and Stability of Numerical Algorithms", §9);
/// the relative error of a solve is about κ(A)·ε.
/// Edge cases: an exactly zero (or non-finite) pivot throws ``LinearAlgebraError/singular(pivot:)``.
public struct LUFactorization: Sendable {
    /// n.
    public let size: Int
    /// L (unit lower, below the diagonal) and U (on and above) packed row-major.
    private var packed: [Double]
    /// Row permutation: row i of P·A is row `permutation[i]` of A.
    private var permutation: [Int]

    /// Factors `matrix`.
    /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)`` or ``LinearAlgebraError/singular(pivot:)``.
    /// - Complexity: O(n³).
    public init(_ matrix: Matrix) throws {
        guard matrix.isSquare else { throw LinearAlgebraError.notSquare(rows: matrix.rows, columns: matrix.columns) }
        let n = matrix.rows
        size = n
        var a = matrix.elements
        var perm = Array(0..<n)
        for k in 0..<n {
            var pivotRow = k
            var best = abs(a[k * n + k])
            for i in (k + 1)..<max(n, k + 1) where abs(a[i * n + k]) > best {
                best = abs(a[i * n + k])
                pivotRow = i
            }
            guard best > 0, best.isFinite else { throw LinearAlgebraError.singular(pivot: k) }
            if pivotRow != k {
                for j in 0..<n { a.swapAt(k * n + j, pivotRow * n + j) }
                perm.swapAt(k, pivotRow)
            }
            let pivot = a[k * n + k]
            a.withUnsafeMutableBufferPointer { p in
                for i in (k + 1)..<max(n, k + 1) {
                    let factor = p[i * n + k] / pivot
                    p[i * n + k] = factor
                    if factor == 0 { continue }
                    for j in (k + 1)..<n { p[i * n + j] -= factor * p[k * n + j] }
                }
            }
        }
        packed = a
        permutation = perm
    }

    /// Solves A x = b.
    /// - Precondition: `b.count == size`.
    /// - Complexity: O(n²).
    public func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == size, "LU solve: right-hand side of length \(b.count), system of size \(size)")
        let n = size
        var x = permutation.map { b[$0] }
        for i in 0..<n {
            var s = x[i]
            for j in 0..<i { s -= packed[i * n + j] * x[j] }
            x[i] = s
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for j in (i + 1)..<n { s -= packed[i * n + j] * x[j] }
            x[i] = s / packed[i * n + i]
        }
        return x
    }

    /// Solves A X = B column by column.
    /// - Precondition: `b.rows == size`.
    /// - Complexity: O(n² · b.columns).
    public func solve(_ b: Matrix) -> Matrix {
        precondition(b.rows == size, "LU solve: right-hand side with \(b.rows) rows, system of size \(size)")
        let n = size, m = b.columns
        var x = Matrix(rows: n, columns: m)
        // Permute, then forward and back substitution on all columns at once (row-oriented loops).
        for i in 0..<n {
            for j in 0..<m { x.elements[i * m + j] = b.elements[permutation[i] * m + j] }
        }
        x.elements.withUnsafeMutableBufferPointer { xs in
            for i in 0..<n {
                for k in 0..<i {
                    let l = packed[i * n + k]
                    if l == 0 { continue }
                    for j in 0..<m { xs[i * m + j] -= l * xs[k * m + j] }
                }
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                for k in (i + 1)..<max(n, i + 1) {
                    let u = packed[i * n + k]
                    if u == 0 { continue }
                    for j in 0..<m { xs[i * m + j] -= u * xs[k * m + j] }
                }
                let d = packed[i * n + i]
                for j in 0..<m { xs[i * m + j] /= d }
            }
        }
        return x
    }
}

/// Errors of the dense factorizations.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix is not square.
    case notSquare(rows: Int, columns: Int)
    /// A zero or non-finite pivot at the given step (the matrix is singular to working precision).
    case singular(pivot: Int)
    /// Cholesky met a non-positive diagonal at the given step (the matrix is not positive definite).
    case notPositiveDefinite(step: Int, value: Double)

    public var description: String {
        switch self {
        case let .notSquare(r, c): return "matrix is \(r)x\(c), expected square"
        case let .singular(p): return "matrix is singular (zero pivot at step \(p))"
        case let .notPositiveDefinite(s, v): return "matrix is not positive definite (pivot \(s) is \(v))"
        }
    }
}
