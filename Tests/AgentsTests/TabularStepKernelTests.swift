import XCTest
import Engine
import SimTestSupport
@testable import Agents

/// The branch-free kernel against the plain inverse-CDF scan it replaces: identical states and
/// tallies, for random games (including zero-probability entries and rounding at the row ends).
final class TabularStepKernelTests: XCTestCase {
    /// The straightforward loop: uniform() then scan the cumulative row.
    func reference(_ kernel: TabularStepKernel, _ states: inout [UInt8], sg: Int, transitionGlobal: Int, step: Int)
        -> TabularStepKernel.Tally {
        var tally = TabularStepKernel.Tally(localStates: kernel.localStates, localActions: kernel.localActions)
        func scan(_ table: [Double], _ row: Int, _ width: Int, _ u: Double) -> Int {
            var j = 0
            while j < width - 1 && u >= table[row + j] { j += 1 }
            return j
        }
        let (w, actions) = (kernel.localStates, kernel.localActions)
        for i in states.indices {
            let s = Int(states[i])
            var pr = kernel.policyStream.generator(agent: i, step: step)
            let a = scan(kernel.policyCumulative, (sg * w + s) * actions, actions, pr.uniform())
            tally.stateActionCounts[s * actions + a] += 1
            var wr = kernel.worldStream.generator(agent: i, step: step)
            let next = scan(kernel.transitionCumulative, ((s * kernel.globalStates + transitionGlobal) * actions + a) * w, w, wr.uniform())
            states[i] = UInt8(next)
            tally.nextHistogram[next] += 1
        }
        return tally
    }

    func randomGame(seed: UInt64) -> (TabularGame, LocalPolicyTable) {
        var cell = RandomStream(seed: seed, .data).generator(agent: 0, step: 0)
        let (g, l, a) = (1 + cell.int(below: 4), 1 + cell.int(below: 6), 1 + cell.int(below: 4))
        // Entries are 0 a third of the time, so some thresholds repeat and some rows put all mass late.
        func row(_ n: Int) -> [Double] {
            var r = (0..<n).map { _ in cell.int(below: 3) == 0 ? 0 : cell.uniform() }
            if r.allSatisfy({ $0 == 0 }) { r[n - 1] = 1 }
            let total = r.reduce(0, +)
            return r.map { $0 / total }
        }
        let pl = (0..<(l * g * a)).flatMap { _ in row(l) }
        let game = TabularGame(globalStates: g, globalActions: 1, localStates: l, localActions: a,
                               globalTransition: (0..<g).flatMap { _ in row(g) }, localTransition: pl,
                               globalReward: [Double](repeating: 0, count: g), localReward: [Double](repeating: 0, count: l * g * a))
        let policy = LocalPolicyTable(kind: "test", globalStates: g, localStates: l, actions: a,
                                      probabilities: (0..<(g * l)).flatMap { _ in row(a) })
        return (game, policy)
    }

    func test_step_matchesTheScanningLoop_seedSweep() {
        withEverySeed(1...40) { seed in
            let (game, policy) = randomGame(seed: seed)
            let kernel = TabularStepKernel(game: game, localPolicy: policy, seed: seed)
            var cell = RandomStream(seed: seed, .initial).generator(agent: 0, step: 0)
            var expected = (0..<3_000).map { _ in UInt8(cell.int(below: game.localStates)) }
            var actual = expected
            for step in 0..<3 {
                let sg = cell.int(below: game.globalStates), tg = cell.int(below: game.globalStates)
                let want = reference(kernel, &expected, sg: sg, transitionGlobal: tg, step: step)
                var got = TabularStepKernel.Tally(localStates: game.localStates, localActions: game.localActions)
                actual.withUnsafeMutableBufferPointer { buffer in
                    // Two uneven ranges: tallies of disjoint ranges add up.
                    got.merge(kernel.step(buffer, range: 0..<1_234, globalState: sg, transitionGlobal: tg, step: step))
                    got.merge(kernel.step(buffer, range: 1_234..<3_000, globalState: sg, transitionGlobal: tg, step: step))
                }
                XCTAssertEqual(actual, expected, "seed \(seed), step \(step)")
                XCTAssertEqual(got, want, "seed \(seed), step \(step)")
            }
        }
    }

    func test_thresholds_matchUniformComparisons_atTheEdges() {
        let cdf = [0, 0x1p-53, 0.5, 0.5 + 0x1p-53, 1 - 0x1p-53, 1]
        let thresholds = TabularStepKernel.thresholds(cdf, width: cdf.count)
        for m: UInt64 in [0, 1, 2, 1 << 52, (1 << 52) + 1, (1 << 52) + 2, (1 << 53) - 2, (1 << 53) - 1] {
            let u = Double(m) * 0x1p-53
            for (c, t) in zip(cdf, thresholds) { XCTAssertEqual(u >= c, m >= t, "m = \(m), cdf = \(c)") }
        }
    }
}
