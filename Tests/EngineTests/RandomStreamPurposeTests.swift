import XCTest
@testable import Engine

/// The worlds rely on two properties of the counter-based streams: a cell is a pure function
/// of (seed, stream, agent, step), and streams of different purposes are independent.
final class RandomStreamPurposeTests: XCTestCase {
    func test_generator_sameKey_replaysTheSameDraws() {
        let stream = RandomStream(seed: 42, .world)
        var a = stream.generator(agent: 7, step: 3), b = stream.generator(agent: 7, step: 3)
        for draw in 0..<16 { XCTAssertEqual(a.next(), b.next(), "draw \(draw)") }
    }

    func test_streams_ofDifferentPurpose_differ() {
        var world = RandomStream(seed: 42, .world).generator(agent: 7, step: 3)
        var policy = RandomStream(seed: 42, .policy).generator(agent: 7, step: 3)
        var client = RandomStream(seed: 42, .client).generator(agent: 7, step: 3)
        let w = world.next(), p = policy.next(), c = client.next()
        XCTAssertNotEqual(w, p)
        XCTAssertNotEqual(w, c)
        XCTAssertNotEqual(p, c)
    }

    func test_normal_hasUnitMomentsOverManyCells() {
        let stream = RandomStream(seed: 5, .world)
        var stats = RunningStats()
        for step in 0..<20_000 {
            var cell = stream.generator(agent: -1, step: step)
            stats.add(cell.normal())
        }
        XCTAssertEqual(stats.mean, 0, accuracy: 0.03)
        XCTAssertEqual(stats.variance, 1, accuracy: 0.05)
    }
}
