import SimTestSupport
import XCTest
@testable import Agents

/// `select: nashConv` against `select: teamReturn` on a game small enough to solve exactly: one local
/// agent (n = k = 1), two states and two actions on each side. The team return of a pair and its Nash
/// gap (the best unilateral gains of each side, enumerated over all 16 deterministic policies of that
/// side) are computed exactly, and the two rules must return the pairs that enumeration picks.
final class AlternatingMARLSelectionTests: XCTestCase {
    /// The exact model of the n = 1 game: the chain on (s_g, s_l), started uniform.
    private struct Exact {
        let game: TabularGame, gamma: Double
        let space: CountVectorSpace

        init(game: TabularGame, gamma: Double) {
            self.game = game
            self.gamma = gamma
            space = CountVectorSpace(k: 1, states: game.localStates)
        }

        /// a_g of π_g when the one agent stands in s_l.
        func globalAction(_ global: GlobalPolicyTable, _ sg: Int, _ sl: Int) -> Int {
            var counts = [Int](repeating: 0, count: game.localStates)
            counts[sl] = 1
            return global.action(sg, counts: counts)
        }

        /// J = E[Σ_t γ^t (r_g(s_g, a_g) + r_l(s_l, s_g, a_l))] from uniform (s_g, s_l), solving
        /// (I - γ P) v = r exactly (Gaussian elimination); `globalAction(s_g, s_l)` and
        /// `localProbability(s_g, s_l, a_l)` are the pair.
        func teamReturn(globalAction: (Int, Int) -> Int, localProbability: (Int, Int, Int) -> Double) -> Double {
            let g = game.globalStates, l = game.localStates, n = g * l
            var m = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
            for sg in 0..<g {
                for sl in 0..<l {
                    let x = sg * l + sl, ag = globalAction(sg, sl)
                    m[x][x] += 1
                    for al in 0..<game.localActions {
                        let p = localProbability(sg, sl, al)
                        m[x][n] += p * (game.rewardGlobal(sg, ag) + game.rewardLocal(sl, sg, al))
                        for g2 in 0..<g {
                            for l2 in 0..<l { m[x][g2 * l + l2] -= gamma * p * game.pGlobal(sg, ag, g2) * game.pLocal(sl, sg, al, l2) }
                        }
                    }
                }
            }
            for c in 0..<n {
                let pivot = (c..<n).max { abs(m[$0][c]) < abs(m[$1][c]) }!
                m.swapAt(c, pivot)
                for r in 0..<n where r != c {
                    let f = m[r][c] / m[c][c]
                    for j in c...n { m[r][j] -= f * m[c][j] }
                }
            }
            return (0..<n).reduce(0) { $0 + m[$1][n] / m[$1][$1] } / Double(n)
        }

        func teamReturn(_ global: GlobalPolicyTable, _ local: LocalPolicyTable) -> Double {
            teamReturn(globalAction: { globalAction(global, $0, $1) },
                       localProbability: { local.probabilities[($0 * game.localStates + $1) * game.localActions + $2] })
        }

        /// ε_g + ε_l: the best gain of a deterministic global deviation plus that of a deterministic local
        /// one, each enumerated over all |A|^(|S_g| |S_l|) tables.
        func nashConv(_ global: GlobalPolicyTable, _ local: LocalPolicyTable) -> Double {
            let cells = game.globalStates * game.localStates
            let base = teamReturn(global, local)
            func table(_ code: Int, actions: Int) -> [Int] {
                var code = code
                return (0..<cells).map { _ in defer { code /= actions }; return code % actions }
            }
            var bestGlobal = -Double.infinity, bestLocal = -Double.infinity
            for code in 0..<Int(pow(Double(game.globalActions), Double(cells))) {
                let a = table(code, actions: game.globalActions)
                bestGlobal = max(bestGlobal, teamReturn(globalAction: { a[$0 * game.localStates + $1] },
                                                        localProbability: { local.probabilities[($0 * game.localStates + $1) * game.localActions + $2] }))
            }
            for code in 0..<Int(pow(Double(game.localActions), Double(cells))) {
                let a = table(code, actions: game.localActions)
                bestLocal = max(bestLocal, teamReturn(globalAction: { globalAction(global, $0, $1) },
                                                      localProbability: { a[$0 * game.localStates + $1] == $2 ? 1 : 0 }))
            }
            return (bestGlobal - base) + (bestLocal - base)
        }
    }

    /// A random 2 × 2 × 2 × 2 game from `seed` (seed 86: the first of 300 where the two rules differ by
    /// more than 10^-3 in the gap).
    private func game(seed: UInt64) -> TabularGame {
        var random = TestRandom(seed: seed)
        func unit() -> Double { Double(random.next() >> 11) * 0x1p-53 }
        func rows(_ count: Int) -> [Double] {
            (0..<count).flatMap { _ -> [Double] in let p = 0.05 + 0.9 * unit(); return [p, 1 - p] }
        }
        return TabularGame(globalStates: 2, globalActions: 2, localStates: 2, localActions: 2,
                           globalTransition: rows(4), localTransition: rows(8),
                           globalReward: (0..<4).map { _ in unit() }, localReward: (0..<8).map { _ in 2 * unit() })
    }

    private func starts(_ game: TabularGame) -> [AlternatingMARL.Start] {
        func fixed(_ name: String, _ action: Int) -> AlternatingMARL.Start {
            .init(name: name, policy: LocalPolicyTable(kind: "tabular", globalStates: 2, localStates: 2, actions: 2,
                                                     probabilities: (0..<8).map { $0 % 2 == action ? 1 : 0 }))
        }
        return [.init(name: "uniform", policy: .uniform(for: game)), fixed("zero", 0), fixed("one", 1)]
    }

    func test_nashConvSelection_keepsTheSmallestExactGap_whereTeamReturnKeepsAnotherPair() {
        let seed: UInt64 = 86
        let game = game(seed: seed), gamma = 0.8
        let exact = Exact(game: game, gamma: gamma)
        var options = AlternatingMARL.Options()
        options.starts = starts(game)
        options.outerIterations = 3
        func train(_ select: AlternatingMARL.Selection) -> (AlternatingMARL.Result, [(GlobalPolicyTable, LocalPolicyTable)]) {
            var candidates: [(GlobalPolicyTable, LocalPolicyTable)] = []
            options.select = select
            let result = AlternatingMARL(game: game, gamma: gamma, options: options).train(k: 1, evaluate: { global, local in
                candidates.append((global, local))
                return exact.teamReturn(global, local)
            }, gap: { exact.nashConv($0, $1) })
            return (result, candidates)
        }
        let (byReturn, candidates) = train(.teamReturn)
        let (byGap, sameCandidates) = train(.nashConv)
        // The rule does not change the alternation, only which evaluated pair is kept.
        XCTAssertEqual(candidates.map(\.1), sameCandidates.map(\.1))
        // Enumeration: the best team return and the smallest gap are different pairs here.
        let returns = candidates.map { exact.teamReturn($0.0, $0.1) }, gaps = candidates.map { exact.nashConv($0.0, $0.1) }
        let bestReturn = returns.indices.max { returns[$0] < returns[$1] }!
        let smallestGap = gaps.indices.min { gaps[$0] < gaps[$1] }!
        XCTAssertNotEqual(bestReturn, smallestGap, "seed \(seed): returns \(returns), gaps \(gaps)")
        XCTAssertGreaterThan(gaps[bestReturn] - gaps[smallestGap], 1e-6)
        XCTAssertEqual(byReturn.global, candidates[bestReturn].0)
        XCTAssertEqual(byReturn.local, candidates[bestReturn].1)
        XCTAssertEqual(byReturn.value, returns[bestReturn])
        XCTAssertEqual(byGap.global, candidates[smallestGap].0)
        XCTAssertEqual(byGap.local, candidates[smallestGap].1)
        XCTAssertEqual(byGap.value, returns[smallestGap])
        XCTAssertEqual(byGap.nashConv, gaps[smallestGap])
        XCTAssertEqual(byGap.log.map(\.nashConv), gaps.map(Optional.some))
    }
}
