import Foundation
import SimTestSupport
import XCTest
@testable import Engine

final class StudentTTests: XCTestCase {
    /// Two-sided 95% critical values t(0.975, ν) from published tables (R's `qt`, 16 digits).
    static let table: [(nu: Int, value: Double)] = [
        (1, 12.70620473617471), (2, 4.302652729749464), (3, 3.182446305284263), (4, 2.776445105197793),
        (5, 2.570581835636314), (9, 2.262157162798205), (10, 2.228138851986274), (29, 2.045229642132703),
        (30, 2.042272456301238), (100, 1.983971518523552),
    ]

    func test_criticalValue_matchesPublishedTable() {
        for (nu, value) in Self.table {
            let computed = StudentT.criticalValue(confidence: 0.95, degreesOfFreedom: nu)
            XCTAssertTrue(isApproximatelyEqual(computed, value, relative: 1e-11), "ν = \(nu): \(computed) vs \(value)")
        }
    }

    func test_quantile_oneAndTwoDegrees_matchClosedForms() {
        for p in stride(from: 0.01, through: 0.99, by: 0.01) {
            let cauchy = tan(Double.pi * (p - 0.5))
            XCTAssertTrue(isApproximatelyEqual(StudentT.quantile(p, degreesOfFreedom: 1), cauchy, relative: 1e-10, absolute: 1e-12), "p = \(p)")
            let two = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
            XCTAssertTrue(isApproximatelyEqual(StudentT.quantile(p, degreesOfFreedom: 2), two, relative: 1e-10, absolute: 1e-12), "p = \(p)")
        }
    }

    func test_quantile_largeDegrees_approachesNormal() {
        // SciPy's t.ppf(0.975, 1e6); a million seeds is the most `--seeds` accepts.
        XCTAssertEqual(StudentT.quantile(0.975, degreesOfFreedom: 1e6), 1.959966356814107, accuracy: 1e-9)
    }

    func test_cdf_invertsQuantile_andIsSymmetric() {
        for nu in [1.0, 2.5, 7, 40] {
            for p in [0.001, 0.1, 0.4, 0.5, 0.77, 0.999] {
                let t = StudentT.quantile(p, degreesOfFreedom: nu)
                XCTAssertEqual(StudentT.cdf(t, degreesOfFreedom: nu), p, accuracy: 1e-12, "ν = \(nu), p = \(p)")
                XCTAssertEqual(StudentT.cdf(-t, degreesOfFreedom: nu), 1 - p, accuracy: 1e-12, "ν = \(nu), p = \(p)")
            }
        }
        XCTAssertEqual(StudentT.cdf(.infinity, degreesOfFreedom: 3), 1)
        XCTAssertEqual(StudentT.cdf(-.infinity, degreesOfFreedom: 3), 0)
    }

    func test_incompleteBeta_uniformCase_isIdentity() {
        for x in stride(from: 0.0, through: 1.0, by: 0.125) {
            XCTAssertEqual(IncompleteBeta.regularized(x: x, a: 1, b: 1), x, accuracy: 1e-14)
        }
        // I_x(a, 1) = x^a.
        XCTAssertEqual(IncompleteBeta.regularized(x: 0.3, a: 2.5, b: 1), pow(0.3, 2.5), accuracy: 1e-14)
    }
}
