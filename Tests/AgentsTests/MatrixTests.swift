import XCTest
import SimTestSupport
@testable import Agents

final class MatrixTests: XCTestCase {
    func test_product_matchesHandComputedValues() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        XCTAssertEqual(a * b, Matrix([[58, 64], [139, 154]]))
        XCTAssertEqual(a * [1, 0, -1], [-2, -2])
    }

    func test_transposeTimes_equalsTransposeThenProduct() {
        var r = TestNormals(seed: 3)
        let a = r.matrix(4, 3), b = r.matrix(4, 5)
        XCTAssertLessThan((Matrix.transposeTimes(a, b) - a.transposed * b).maxAbs, 1e-14)
        XCTAssertEqual(a.transposed.transposed, a)
    }

    func test_identity_isNeutral() {
        var r = TestNormals(seed: 4)
        let a = r.matrix(3, 3)
        XCTAssertEqual(Matrix.identity(3) * a, a)
        XCTAssertEqual(a * Matrix.identity(3), a)
    }

    func test_arithmetic_andDiagonal() {
        var a = Matrix([[1, 2], [3, 4]])
        XCTAssertEqual(a + a, 2 * a)
        XCTAssertEqual((a - a).maxAbs, 0)
        a.addToDiagonal(10)
        XCTAssertEqual(a, Matrix([[11, 2], [3, 14]]))
        XCTAssertEqual(a.row(1), [3, 14])
        XCTAssertEqual(a.column(0), [11, 3])
        XCTAssertEqual(dot([1, 2, 3], [4, 5, 6]), 32)
    }
}
