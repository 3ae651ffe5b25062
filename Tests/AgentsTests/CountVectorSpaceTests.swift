import XCTest
@testable import Agents

final class CountVectorSpaceTests: XCTestCase {
    func test_count_isStarsAndBars() {
        for (k, states, expected) in [(0, 5, 1), (1, 5, 5), (2, 3, 6), (10, 5, 1001), (30, 5, 46376), (4, 1, 1)] {
            XCTAssertEqual(CountVectorSpace(k: k, states: states).count, expected, "k=\(k) L=\(states)")
        }
    }

    func test_rankUnrank_roundTripsAndEnumeratesEveryVectorOnce() {
        for k in 0...7 {
            for states in 1...4 {
                let space = CountVectorSpace(k: k, states: states)
                var seen = Set<[Int]>()
                for r in 0..<space.count {
                    let counts = space.unrank(r)
                    XCTAssertEqual(counts.reduce(0, +), k, "k=\(k) L=\(states) rank=\(r)")
                    XCTAssertTrue(counts.allSatisfy { $0 >= 0 })
                    XCTAssertEqual(space.rank(counts), r, "k=\(k) L=\(states) counts=\(counts)")
                    seen.insert(counts)
                }
                XCTAssertEqual(seen.count, space.count, "k=\(k) L=\(states)")
            }
        }
    }
}
