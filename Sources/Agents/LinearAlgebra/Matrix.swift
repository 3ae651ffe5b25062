/// A small dense real matrix stored row-major (the module README, "Time-series prediction": the policies need
/// only small dense linear algebra, written here because the project uses no packages).
///
/// Goals, in order: (1) exact, reproducible arithmetic — every product sums in a fixed index order, so
/// results are bit-identical across runs and machines with the same compiler; (2) clarity; (3) speed
/// adequate for the window games (matrices up to a few hundred rows).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in row-major order: entry (i, j) is `elements[i * columns + j]`.
    public var elements: [Double]

    /// A matrix filled with `value`.
    /// - Precondition: `rows >= 0`, `columns >= 0`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative size \(rows)x\(columns)")
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from row-major entries.
    /// - Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(elements.count == rows * columns,
                     "Matrix: \(elements.count) entries for a \(rows)x\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of equally long rows.
    /// - Precondition: every row has the same length.
    public init(_ rowArrays: [[Double]]) {
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "Matrix: ragged rows")
        self.init(rows: rowArrays.count, columns: c, elements: rowArrays.flatMap { $0 })
    }

    /// The n x n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i * n + i] = 1 }
        return m
    }

    /// A column vector (n x 1).
    public static func column(_ v: [Double]) -> Matrix { Matrix(rows: v.count, columns: 1, elements: v) }

    /// Entry (i, j).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// The transpose.
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] }
        }
        return t
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { elements[$0 * columns + j] } }

    /// The Frobenius norm.
    public var frobeniusNorm: Double { elements.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// The largest absolute entry (0 for an empty matrix).
    public var maxAbs: Double { elements.reduce(0) { max($0, abs($1)) } }
}

// MARK: - Arithmetic

extension Matrix {
    /// The matrix product.
    /// - Precondition: `lhs.columns == rhs.rows`.
    /// - Complexity: O(lhs.rows · lhs.columns · rhs.columns); sums run over k in ascending order.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "Matrix *: \(lhs.rows)x\(lhs.columns) times \(rhs.rows)x\(rhs.columns)")
        let n = lhs.rows, p = lhs.columns, m = rhs.columns
        var out = [Double](repeating: 0, count: n * m)
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        for k in 0..<p {
                            let aik = a[i * p + k]
                            if aik == 0 { continue }
                            let bRow = k * m, cRow = i * m
                            for j in 0..<m { c[cRow + j] += aik * b[bRow + j] }
                        }
                    }
                }
            }
        }
        return Matrix(rows: n, columns: m, elements: out)
    }

    /// Matrix times vector.
    /// - Precondition: `lhs.columns == v.count`.
    public static func * (lhs: Matrix, v: [Double]) -> [Double] {
        precondition(lhs.columns == v.count, "Matrix * vector: \(lhs.rows)x\(lhs.columns) times \(v.count)")
        var out = [Double](repeating: 0, count: lhs.rows)
        for i in 0..<lhs.rows {
            var s = 0.0
            let r = i * lhs.columns
            for k in 0..<lhs.columns { s += lhs.elements[r + k] * v[k] }
            out[i] = s
        }
        return out
    }

    /// `lhsᵀ · rhs` without forming the transpose.
    /// - Precondition: `lhs.rows == rhs.rows`.
    public static func transposeTimes(_ lhs: Matrix, _ rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows, "Matrix ᵀ*: \(lhs.rows)x\(lhs.columns)ᵀ times \(rhs.rows)x\(rhs.columns)")
        let n = lhs.columns, p = lhs.rows, m = rhs.columns
        var out = [Double](repeating: 0, count: n * m)
        for k in 0..<p {
            for i in 0..<n {
                let aki = lhs.elements[k * n + i]
                if aki == 0 { continue }
                for j in 0..<m { out[i * m + j] += aki * rhs.elements[k * m + j] }
            }
        }
        return Matrix(rows: n, columns: m, elements: out)
    }

    /// Entry-wise sum.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix +: shape mismatch")
        var out = lhs
        for i in out.elements.indices { out.elements[i] += rhs.elements[i] }
        return out
    }

    /// Entry-wise difference.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix -: shape mismatch")
        var out = lhs
        for i in out.elements.indices { out.elements[i] -= rhs.elements[i] }
        return out
    }

    /// Scalar multiple.
    public static func * (s: Double, m: Matrix) -> Matrix {
        Matrix(rows: m.rows, columns: m.columns, elements: m.elements.map { s * $0 })
    }

    /// Adds `s` to every diagonal entry.
    /// - Precondition: the matrix is square.
    public mutating func addToDiagonal(_ s: Double) {
        precondition(isSquare, "addToDiagonal on a \(rows)x\(columns) matrix")
        for i in 0..<rows { elements[i * columns + i] += s }
    }
}

/// Dot product of equally long vectors, summed in index order.
@inlinable
public func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count)")
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}
