import Engine
import XCTest

/// An agent's kept stream gives exactly the numbers of ``RandomStream/generator(agent:step:)``.
final class AgentStreamTests: XCTestCase {
    func test_agentStream_matchesTheStreamsGenerator() {
        let stream = RandomStream(seed: 31, .schedule)
        for agent in [-1, 0, 1, 999, Int(Int32.max)] {
            let kept = stream.agent(agent)
            for step in [-1, 0, 7, 1 << 40] {
                var direct = stream.generator(agent: agent, step: step), viaKept = kept.generator(step: step)
                XCTAssertEqual((0..<4).map { _ in direct.next() }, (0..<4).map { _ in viaKept.next() }, "agent \(agent), step \(step)")
            }
        }
        XCTAssertNotEqual(stream.agent(1), stream.agent(2))
        XCTAssertNotEqual(stream.agent(1), RandomStream(seed: 32, .schedule).agent(1))
    }

    /// The one-call exponential is the cell's first exponential, at every rate and for cells whose
    /// first draw misses the ziggurat's fast path.
    func test_exponentialOfAStep_isTheCellsFirstExponential() {
        let kept = RandomStream(seed: 5, .schedule).agent(3)
        var slowPath = 0
        for step in 0..<5_000 {
            for rate in [1.0, 0.25, 40] {
                var cell = kept.generator(step: step)
                XCTAssertEqual(kept.exponential(step: step, rate: rate), cell.exponential(rate: rate), "step \(step), rate \(rate)")
                if rate == 1 && cell.draws > 1 { slowPath += 1 }
            }
        }
        XCTAssertGreaterThan(slowPath, 50, "about 3% of cells need more than one draw")
    }
}
