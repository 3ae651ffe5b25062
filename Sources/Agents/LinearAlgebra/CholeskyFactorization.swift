/// Cholesky factorization A = L·Lᵀ of a symmetric positive definite matrix — used for the ridge normal
/// equations (`greedy`, the module README, "Time-series prediction") and the per-client Riccati steps of
/// `memoa`, whose matrices Zᵀ Q̃ Z + c·γ·I are SPD whenever γ > 0.
///
/// Only the lower triangle of the input is read.
/// Accuracy: backward stable; solve error about κ(A)·ε.
/// Edge cases: a non-positive or non-finite pivot throws
/// ``LinearAlgebraError/notPositiveDefinite(step:value:)``.
public struct CholeskyFactorization: Sendable {
    /// n.
    public let size: Int
    /// L, row-major, zero above the diagonal.
    public private(set) var lower: [Double]

    /// Factors `matrix`.
    /// - Throws: ``LinearAlgebraError`` when the matrix is not square or not positive definite.
    /// - Complexity: O(n³ / 3).
    public init(_ matrix: Matrix) throws {
        guard matrix.isSquare else { throw LinearAlgebraError.notSquare(rows: matrix.rows, columns: matrix.columns) }
        let n = matrix.rows
        size = n
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = matrix.elements[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d > 0, d.isFinite else { throw LinearAlgebraError.notPositiveDefinite(step: j, value: d) }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var s = matrix.elements[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        lower = l
    }

    /// Solves A x = b.
    /// - Precondition: `b.count == size`.
    /// - Complexity: O(n²).
    public func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == size, "Cholesky solve: right-hand side of length \(b.count), system of size \(size)")
        let n = size
        var x = b
        for i in 0..<n {
            var s = x[i]
            for k in 0..<i { s -= lower[i * n + k] * x[k] }
            x[i] = s / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<n { s -= lower[k * n + i] * x[k] }
            x[i] = s / lower[i * n + i]
        }
        return x
    }

    /// Solves A X = B column by column.
    public func solve(_ b: Matrix) -> Matrix {
        precondition(b.rows == size, "Cholesky solve: \(b.rows) rows, system of size \(size)")
        var x = Matrix(rows: b.rows, columns: b.columns)
        for j in 0..<b.columns {
            let col = solve(b.column(j))
            for i in 0..<b.rows { x[i, j] = col[i] }
        }
        return x
    }
}
