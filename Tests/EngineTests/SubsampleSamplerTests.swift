import Engine
import SimTestSupport
import XCTest

final class SubsampleSamplerTests: XCTestCase {
    func test_sample_isDistinctAndInRange() {
        withEverySeed(1...50) { seed in
            var sampler = SubsampleSampler(k: 7, n: 9)
            var cell = RandomStream(seed: seed, .subsample).generator(agent: -1, step: 0)
            sampler.draw(using: &cell)
            XCTAssertEqual(Set(sampler.sample).count, 7, "seed \(seed)")
            XCTAssertTrue(sampler.sample.allSatisfy { (0..<9).contains($0) }, "seed \(seed)")
        }
    }

    func test_kEqualsN_takesEveryone() {
        var sampler = SubsampleSampler(k: 5, n: 5)
        var cell = RandomStream(seed: 1, .subsample).generator(agent: -1, step: 0)
        sampler.draw(using: &cell)
        XCTAssertEqual(Set(sampler.sample), [0, 1, 2, 3, 4])
    }

    /// Each index is included with probability k/n = 0.25; over 40,000 draws its frequency has sd
    /// 0.0022, so ±0.011 is 5 sd.
    func test_inclusionFrequency_isKOverN() {
        var sampler = SubsampleSampler(k: 5, n: 20)
        var hits = [Int](repeating: 0, count: 20)
        let stream = RandomStream(seed: 99, .subsample)
        let draws = 40_000
        for step in 0..<draws {
            var cell = stream.generator(agent: -1, step: step)
            sampler.draw(using: &cell)
            for i in sampler.sample { hits[i] += 1 }
        }
        for (i, h) in hits.enumerated() { XCTAssertEqual(Double(h) / Double(draws), 0.25, accuracy: 0.011, "index \(i)") }
    }
}
