import XCTest
import SimTestSupport
@testable import Agents

final class LUFactorizationTests: XCTestCase {
    func test_solve_randomSystems_smallResidual() throws {
        try withEverySeed(1...20) { seed in
            var r = TestNormals(seed: seed)
            let n = 1 + Int(seed % 7)
            let a = r.matrix(n, n), x = r.vector(n)
            let b = a * x
            let solved = try LUFactorization(a).solve(b)
            let residual = maxAbsDifference(a * solved, b)
            XCTAssertLessThan(residual, 1e-10, "seed \(seed) n \(n)")
        }
    }

    func test_solveMatrix_matchesColumnSolves() throws {
        var r = TestNormals(seed: 11)
        let a = r.matrix(5, 5), b = r.matrix(5, 3)
        let lu = try LUFactorization(a)
        let x = lu.solve(b)
        for j in 0..<3 { XCTAssertLessThan(maxAbsDifference(x.column(j), lu.solve(b.column(j))), 1e-12) }
        XCTAssertLessThan((a * x - b).maxAbs, 1e-10)
    }

    func test_needsPivoting_zeroLeadingEntry() throws {
        let a = Matrix([[0, 1], [1, 0]])
        XCTAssertEqual(try LUFactorization(a).solve([2, 3]), [3, 2])
    }

    func test_singular_throws() {
        XCTAssertThrowsError(try LUFactorization(Matrix([[1, 2], [2, 4]]))) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .singular(pivot: 1))
        }
        XCTAssertThrowsError(try LUFactorization(Matrix(rows: 2, columns: 3)))
    }
}
