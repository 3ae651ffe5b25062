import XCTest
import SimTestSupport
@testable import Agents

final class CholeskyFactorizationTests: XCTestCase {
    func test_solve_randomSPD_matchesLU() throws {
        try withEverySeed(1...20) { seed in
            var r = TestNormals(seed: seed)
            let n = 1 + Int(seed % 6)
            let m = r.matrix(n, n)
            var a = Matrix.transposeTimes(m, m)
            a.addToDiagonal(0.1)
            let b = r.vector(n)
            let chol = try CholeskyFactorization(a).solve(b)
            let lu = try LUFactorization(a).solve(b)
            XCTAssertLessThan(maxAbsDifference(chol, lu), 1e-8, "seed \(seed)")
            XCTAssertLessThan(maxAbsDifference(a * chol, b), 1e-10, "seed \(seed)")
        }
    }

    func test_factor_reproducesMatrix() throws {
        let a = Matrix([[4, 2], [2, 3]])
        let f = try CholeskyFactorization(a)
        let l = Matrix(rows: 2, columns: 2, elements: f.lower)
        XCTAssertLessThan((l * l.transposed - a).maxAbs, 1e-15)
    }

    func test_indefinite_throws() {
        XCTAssertThrowsError(try CholeskyFactorization(Matrix([[1, 2], [2, 1]]))) { error in
            guard case .notPositiveDefinite(step: 1, _)? = error as? LinearAlgebraError else {
                return XCTFail("unexpected \(error)")
            }
        }
    }
}
