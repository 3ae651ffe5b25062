import XCTest
import SimTestSupport
@testable import Agents

final class LLearnTests: XCTestCase {
    private func options(_ weighting: LLearn.GlobalWeighting = .uniform) -> LLearn.Options {
        var o = LLearn.Options()
        o.tol = 1e-12
        o.maxIterations = 10_000
        o.weighting = weighting
        return o
    }

    /// A global policy that depends on the counts (steer to the state holding the most samples).
    private func modePolicy(_ game: TabularGame, k: Int) -> GlobalPolicyTable {
        let space = CountVectorSpace(k: k, states: game.localStates)
        var actions: [Int32] = []
        for sg in 0..<game.globalStates {
            for r in 0..<space.count {
                let c = space.unrank(r)
                let mode = c.indices.max { c[$0] < c[$1] || (c[$0] == c[$1] && $0 > $1) }!
                actions.append(Int32((mode + sg) % game.globalActions))
            }
        }
        return GlobalPolicyTable(space: space, globalStates: game.globalStates, globalActions: game.globalActions,
                                 actions: actions)
    }

    /// Brute force: P_g_eff by enumerating the k sampled agents one by one (|S_l|^k sequences), then
    /// value iteration on the joint (s_g, s_l) chain written out as a full matrix per action.
    private func bruteForceQ(_ game: TabularGame, _ piG: GlobalPolicyTable, mu: [Double], gamma: Double) -> [Double] {
        let g = game.globalStates, l = game.localStates, al = game.localActions, k = piG.k
        var eff = [Double](repeating: 0, count: g * g)
        for code in 0..<Int(pow(Double(l), Double(k))) {
            var rest = code, p = 1.0, counts = [Int](repeating: 0, count: l)
            for _ in 0..<k { p *= mu[rest % l]; counts[rest % l] += 1; rest /= l }
            for sg in 0..<g { for s2 in 0..<g { eff[sg * g + s2] += p * game.pGlobal(sg, piG.action(sg, counts: counts), s2) } }
        }
        var full = [Double](repeating: 0, count: g * l * al * g * l)   // [(sg,sl)][a][(sg',sl')]
        for sg in 0..<g { for sl in 0..<l { for a in 0..<al { for s2 in 0..<g { for l2 in 0..<l {
            let read = game.localUsesNextGlobal ? s2 : sg
            full[((sg * l + sl) * al + a) * g * l + s2 * l + l2] = eff[sg * g + s2] * game.pLocal(sl, read, a, l2)
        } } } } }
        var v = [Double](repeating: 0, count: g * l), q = [Double](repeating: 0, count: g * l * al)
        for _ in 0..<5000 {
            for x in 0..<(g * l) {
                for a in 0..<al {
                    let row = (x * al + a) * g * l
                    let future = (0..<(g * l)).reduce(0.0) { $0 + full[row + $1] * v[$1] }
                    q[x * al + a] = game.rewardLocal(x % l, x / l, a) + gamma * future
                }
            }
            v = (0..<(g * l)).map { x in (0..<al).map { q[x * al + $0] }.max()! }
        }
        return q
    }

    func test_qAndPolicy_equalBruteForce() {
        for nextGlobal in [false, true] {
            let game = TinyGames.random(seed: 21, localStates: 3, localActions: 3, localUsesNextGlobal: nextGlobal)
            let piL = TinyGames.localPolicy(seed: 22, for: game)
            let piG = modePolicy(game, k: 3)
            let result = LLearn(game: game, gamma: 0.9, options: options()).solve(globalPolicy: piG, localPolicy: piL)
            let brute = bruteForceQ(game, piG, mu: result.meanField, gamma: 0.9)
            XCTAssertLessThan(maxAbsDifference(result.q, brute), 1e-8, "next=\(nextGlobal)")
            // The softmax is a function of Q alone, so the policies agree too.
            for start in stride(from: 0, to: brute.count, by: 3) {
                let row = Array(brute[start..<(start + 3)])
                let tau = max(0.3, (row.max()! - row.min()!) / 3)
                let e = row.map { exp(($0 - row.max()!) / tau) }
                for a in 0..<3 {
                    XCTAssertEqual(result.policy.probabilities[start + a], e[a] / e.reduce(0, +), accuracy: 1e-9)
                }
            }
        }
    }

    func test_meanField_isStationaryForTheUniformlyWeightedChain() {
        let game = TinyGames.random(seed: 23, localStates: 4, localActions: 2)
        let piL = TinyGames.localPolicy(seed: 24, for: game)
        let learner = LLearn(game: game, gamma: 0.9, options: options())
        let mu = learner.meanField(piL, weights: [0.5, 0.5])
        let dynamics = InducedLocalDynamics(game: game, policy: piL)
        for s2 in 0..<4 {
            let inflow = (0..<4).reduce(0.0) { total, s in
                total + mu[s] * (0..<2).reduce(0.0) { $0 + 0.5 * dynamics.transition[dynamics.row($1, $1, s) + s2] }
            }
            XCTAssertEqual(inflow, mu[s2], accuracy: 1e-12)
        }
        XCTAssertEqual(mu.reduce(0, +), 1, accuracy: 1e-12)
    }

    func test_effectiveGlobalTransition_rowsSumToOne() {
        let game = RingZones().game()
        let learner = LLearn(game: game, gamma: 0.95, options: options())
        for k in [1, 4, 10] {
            let eff = learner.effectiveGlobalTransition(modePolicy(game, k: k), meanField: [0.4, 0.1, 0.2, 0.05, 0.25])
            for sg in 0..<5 {
                let row = eff[(sg * 5)..<(sg * 5 + 5)]
                XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12, "k=\(k) sg=\(sg)")
                XCTAssertTrue(row.allSatisfy { $0 >= 0 })
            }
        }
    }

    func test_stationaryWeighting_weightsAreStationaryUnderEffectiveTransition() {
        let game = RingZones().game()
        let result = LLearn(game: game, gamma: 0.95, options: options(.stationary))
            .solve(globalPolicy: modePolicy(game, k: 3), localPolicy: .uniform(for: game))
        let w = result.globalWeights, eff = result.effectiveGlobalTransition
        for s2 in 0..<5 {
            XCTAssertEqual((0..<5).reduce(0.0) { $0 + w[$1] * eff[$1 * 5 + s2] }, w[s2], accuracy: 1e-9)
        }
    }
}
