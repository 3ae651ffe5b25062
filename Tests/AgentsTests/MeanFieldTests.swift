import XCTest
@testable import Agents

final class MeanFieldTests: XCTestCase {
    func test_multinomial_sumsToOneAndMatchesBinomial() {
        let space = CountVectorSpace(k: 30, states: 5)
        let pmf = MeanField.multinomial([0.1, 0.2, 0.3, 0.15, 0.25], space: space)
        XCTAssertEqual(pmf.reduce(0, +), 1, accuracy: 1e-12)
        let two = CountVectorSpace(k: 4, states: 2)
        let binomial = MeanField.multinomial([0.3, 0.7], space: two)
        XCTAssertEqual(binomial[two.rank([1, 3])], 4 * 0.3 * pow(0.7, 3), accuracy: 1e-15)
    }

    func test_multinomial_zeroProbabilityStateGetsNoMass() {
        let space = CountVectorSpace(k: 3, states: 3)
        let pmf = MeanField.multinomial([0.5, 0, 0.5], space: space)
        XCTAssertEqual(pmf[space.rank([1, 1, 1])], 0)
        XCTAssertEqual(pmf[space.rank([0, 0, 3])], 0.125, accuracy: 1e-15)
    }

    func test_stationary_periodicChainConverges() {
        let mu = MeanField.stationary([0, 1, 1, 0], size: 2)
        XCTAssertEqual(mu[0], 0.5, accuracy: 1e-12)
        let skewed = MeanField.stationary([0.9, 0.1, 0.5, 0.5], size: 2)
        XCTAssertEqual(skewed[0], 5.0 / 6.0, accuracy: 1e-12)
    }
}
