import XCTest
import Foundation
import Engine
import SimTestSupport
@testable import Agents

final class CountTransitionTableTests: XCTestCase {
    /// Brute force: the law of counts' by enumerating every agent's next state (|S_l|^k outcomes).
    private func bruteForceRow(_ dynamics: InducedLocalDynamics, space: CountVectorSpace, sg: Int, read: Int,
                               counts: [Int]) -> [Double] {
        let l = space.states
        let agents = counts.enumerated().flatMap { s, c in [Int](repeating: s, count: c) }
        var law = [Double](repeating: 0, count: space.count)
        var outcome = [Int](repeating: 0, count: agents.count)
        let total = Int(pow(Double(l), Double(agents.count)))
        for code in 0..<total {
            var rest = code, p = 1.0
            var next = [Int](repeating: 0, count: l)
            for i in agents.indices {
                outcome[i] = rest % l
                rest /= l
                p *= dynamics.transition[dynamics.row(sg, read, agents[i]) + outcome[i]]
                next[outcome[i]] += 1
            }
            law[space.rank(next)] += p
        }
        return law
    }

    func test_exact_matchesAgentByAgentEnumeration() {
        for nextGlobal in [false, true] {
            let game = TinyGames.random(seed: 3, localUsesNextGlobal: nextGlobal)
            let dynamics = InducedLocalDynamics(game: game, policy: TinyGames.localPolicy(seed: 4, for: game))
            let space = CountVectorSpace(k: 3, states: 3)
            let table = CountTransitionTable(space: space, dynamics: dynamics, method: .exact)
            XCTAssertEqual(table.keysPerGlobal, nextGlobal ? 2 : 1)
            for sg in 0..<2 {
                for next in 0..<2 {
                    for rank in 0..<space.count {
                        var law = [Double](repeating: 0, count: space.count)
                        for e in table.entries(ofRow: table.row(sg, next: next, rank: rank)) { law[e.rank] = e.probability }
                        let expected = bruteForceRow(dynamics, space: space, sg: sg, read: nextGlobal ? next : sg,
                                                     counts: space.unrank(rank))
                        XCTAssertLessThan(maxAbsDifference(law, expected), 1e-14, "sg=\(sg) next=\(next) rank=\(rank)")
                    }
                }
            }
        }
    }

    /// Brute force of `subsample`: Multinomial(k, μ') with μ' the counts/k population moved one step,
    /// by enumerating every sequence of k draws (|S_l|^k).
    func test_subsample_matchesTheMultinomialOfTheEvolvedPopulation() {
        let game = TinyGames.random(seed: 5)
        let dynamics = InducedLocalDynamics(game: game, policy: TinyGames.localPolicy(seed: 6, for: game))
        let space = CountVectorSpace(k: 3, states: 3)
        let table = CountTransitionTable(space: space, dynamics: dynamics, method: .subsample(samples: 20_000, seed: 2))
        for sg in 0..<2 {
            for rank in 0..<space.count {
                let counts = space.unrank(rank)
                let mu = (0..<3).map { s2 in (0..<3).reduce(0.0) { $0 + Double(counts[$1]) / 3 * dynamics.transition[dynamics.row(sg, sg, $1) + s2] } }
                var expected = [Double](repeating: 0, count: space.count)
                for code in 0..<27 {
                    let draws = [code % 3, (code / 3) % 3, code / 9]
                    var next = [0, 0, 0]
                    for d in draws { next[d] += 1 }
                    expected[space.rank(next)] += draws.reduce(1.0) { $0 * mu[$1] }
                }
                var law = [Double](repeating: 0, count: space.count)
                for e in table.entries(ofRow: table.row(sg, next: 0, rank: rank)) { law[e.rank] = e.probability }
                XCTAssertLessThan(maxAbsDifference(law, expected), 0.015, "sg=\(sg) rank=\(rank)")
            }
        }
        // For a population in one state the two models are the same multinomial.
        let moving = bruteForceRow(dynamics, space: space, sg: 0, read: 0, counts: [3, 0, 0])
        let fresh = CountTransitionTable(space: space, dynamics: dynamics, method: .subsample(samples: 20_000, seed: 2))
        var law = [Double](repeating: 0, count: space.count)
        for e in fresh.entries(ofRow: fresh.row(0, next: 0, rank: space.rank([3, 0, 0]))) { law[e.rank] = e.probability }
        XCTAssertLessThan(maxAbsDifference(law, moving), 0.015, "a pure state: both models agree")
    }

    func test_everyMethod_rowsSumToOneAndKeepK() {
        let game = RingZones().game()
        let dynamics = InducedLocalDynamics(game: game, policy: .uniform(for: game))
        let space = CountVectorSpace(k: 4, states: 5)
        for method in [CountTransitionMethod.exact, .rounding, .monteCarlo(samples: 7, seed: 1), .subsample(samples: 7, seed: 1)] {
            let table = CountTransitionTable(space: space, dynamics: dynamics, method: method)
            XCTAssertEqual(table.rowCount, 5 * space.count, method.label)
            for r in 0..<table.rowCount {
                let entries = table.entries(ofRow: r)
                XCTAssertEqual(entries.map(\.probability).reduce(0, +), 1, accuracy: 1e-12, "\(method.label) row \(r)")
                XCTAssertTrue(entries.allSatisfy { $0.rank >= 0 && $0.rank < space.count })
            }
        }
    }

    /// `alternating-marl` with `samples: 256` spent tens of seconds sampling rows and ignored Ctrl-C:
    /// after a stop request the remaining rows stay put (one entry, probability 1) and the build ends at once.
    func test_amarlJointSamples256_monteCarloRowsStopAtTheStopRequest() {
        let game = RingZones().game()
        let dynamics = InducedLocalDynamics(game: game, policy: .uniform(for: game))
        let space = CountVectorSpace(k: 10, states: 5)
        StopRequest.request()
        defer { StopRequest.reset() }
        let started = Date()
        let table = CountTransitionTable(space: space, dynamics: dynamics, method: .monteCarlo(samples: 1_000_000, seed: 1))
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
        XCTAssertEqual(table.rowCount, 5 * space.count)
        for r in stride(from: 0, to: table.rowCount, by: 97) {
            XCTAssertEqual(table.entries(ofRow: r).map(\.rank), [r % space.count])
            XCTAssertEqual(table.entries(ofRow: r).map(\.probability), [1])
        }
    }

    func test_monteCarlo_isReproducibleForASeedAndDiffersAcrossSeeds() {
        let game = RingZones().game()
        let dynamics = InducedLocalDynamics(game: game, policy: .uniform(for: game))
        let space = CountVectorSpace(k: 3, states: 5)
        let a = CountTransitionTable(space: space, dynamics: dynamics, method: .monteCarlo(samples: 5, seed: 9))
        let b = CountTransitionTable(space: space, dynamics: dynamics, method: .monteCarlo(samples: 5, seed: 9))
        let c = CountTransitionTable(space: space, dynamics: dynamics, method: .monteCarlo(samples: 5, seed: 10))
        XCTAssertEqual(a.successor, b.successor)
        XCTAssertEqual(a.probability, b.probability)
        XCTAssertNotEqual(a.successor, c.successor)
    }

    func test_largestRemainder_sumsToTotalAndBreaksTiesLow() {
        var out = [Int](repeating: 0, count: 3)
        CountTransitionTable.largestRemainder([1.5, 1.5, 0.0], total: 3, into: &out)
        XCTAssertEqual(out, [2, 1, 0])
        CountTransitionTable.largestRemainder([0.2, 2.7, 1.1], total: 4, into: &out)
        XCTAssertEqual(out, [0, 3, 1])
        CountTransitionTable.largestRemainder([1.0 / 3, 1.0 / 3, 1.0 / 3], total: 1, into: &out)
        XCTAssertEqual(out, [1, 0, 0])
        CountTransitionTable.largestRemainder([2.9999999999999996, 0.0, 0.0], total: 3, into: &out)
        XCTAssertEqual(out, [3, 0, 0])
    }

    func test_rounding_isTheRoundedMeanField() {
        let game = RingZones().game()
        let dynamics = InducedLocalDynamics(game: game, policy: .uniform(for: game))
        let space = CountVectorSpace(k: 6, states: 5)
        let table = CountTransitionTable(space: space, dynamics: dynamics, method: .rounding)
        let counts = [6, 0, 0, 0, 0], sg = 2
        let row = dynamics.row(sg, sg, 0)
        let expected = (0..<5).map { 6 * dynamics.transition[row + $0] }
        let next = space.unrank(table.entries(ofRow: table.row(sg, next: 0, rank: space.rank(counts)))[0].rank)
        XCTAssertEqual(next.reduce(0, +), 6)
        for s in 0..<5 { XCTAssertLessThan(abs(Double(next[s]) - expected[s]), 1.0, "state \(s): \(next) vs \(expected)") }
    }
}
