import XCTest
@testable import Agents

/// `fallback: .gLearn`: Q starts at G-LEARN's action values for the same local policy, so the states no
/// sample reached deploy G-LEARN's action instead of action 0.
final class SubsampleMFQWarmStartTests: XCTestCase {
    /// Brute force on a tiny game with k = 2: the count law T enumerated agent by agent (action, then
    /// move), then Q(s_g, c, a_g) = r_g + (1/k) Σ_j c_j r~_l(j, s_g) + γ Σ_{s_g'} P_g Σ_{c'} T V.
    func test_actionValues_matchABruteForceBackupOfGLearnsValue() {
        let game = TinyGames.random(seed: 51, localStates: 3)
        let pi = TinyGames.localPolicy(seed: 52, for: game)
        var planner = GLearn.Options()
        planner.method = .exact
        planner.tol = 1e-12
        let (solved, q) = GLearn(game: game, gamma: 0.8, options: planner).actionValues(localPolicy: pi, k: 2)
        let g = game.globalStates, ag = game.globalActions, l = game.localStates, al = game.localActions
        let space = CountVectorSpace(k: 2, states: l)
        XCTAssertEqual(q.count, g * space.count * ag)
        func policy(_ sg: Int, _ s: Int, _ a: Int) -> Double { pi.probabilities[(sg * l + s) * al + a] }
        var counts = [Int](repeating: 0, count: l)
        for sg in 0..<g {
            for c in 0..<space.count {
                space.unrank(c, into: &counts)
                let agents = (0..<l).flatMap { [Int](repeating: $0, count: counts[$0]) }
                var law = [Double](repeating: 0, count: space.count)
                var local = 0.0
                for s in agents { for a in 0..<al { local += policy(sg, s, a) * game.rewardLocal(s, sg, a) / 2 } }
                for a0 in 0..<al { for n0 in 0..<l { for a1 in 0..<al { for n1 in 0..<l {
                    var next = [Int](repeating: 0, count: l)
                    next[n0] += 1
                    next[n1] += 1
                    law[space.rank(next)] += policy(sg, agents[0], a0) * game.pLocal(agents[0], sg, a0, n0)
                        * policy(sg, agents[1], a1) * game.pLocal(agents[1], sg, a1, n1)
                } } } }
                for a in 0..<ag {
                    var future = 0.0
                    for s2 in 0..<g { for c2 in 0..<space.count { future += game.pGlobal(sg, a, s2) * law[c2] * solved.value[s2 * space.count + c2] } }
                    let x = sg * space.count + c
                    XCTAssertEqual(q[x * ag + a], game.rewardGlobal(sg, a) + local + 0.8 * future, accuracy: 1e-9, "s_g=\(sg) c=\(counts) a=\(a)")
                }
                // G-LEARN's value is the max, attained at its action.
                let x = sg * space.count + c, row = Array(q[(x * ag)..<((x + 1) * ag)])
                XCTAssertEqual(row.max()!, solved.value[x], accuracy: 1e-9)
                XCTAssertEqual(row[Int(solved.policy.actions[x])], row.max()!, accuracy: 1e-9)
            }
        }
    }

    func test_gLearnWarmStart_unvisitedStatesDeployGLearnsAction() {
        let game = RingZones().game()
        let pi = LocalPolicyTable.follow(zones: 5)
        var planner = GLearn.Options()
        planner.tol = 1e-9
        let solved = GLearn(game: game, gamma: 0.95, options: planner).solve(localPolicy: pi, k: 3)
        var options = SubsampleMFQ.Options()
        options.episodes = 3
        options.horizon = 10
        options.seed = 4
        options.fallback = .gLearn(planner)
        let warm = SubsampleMFQ(game: game, gamma: 0.95, options: options).train(localPolicy: pi, k: 3)
        options.fallback = .lowestAction
        let cold = SubsampleMFQ(game: game, gamma: 0.95, options: options).train(localPolicy: pi, k: 3)
        let ag = game.globalActions
        var unvisited = 0, notZero = 0
        for x in solved.value.indices where (0..<ag).allSatisfy({ warm.visits[x * ag + $0] == 0 }) {
            unvisited += 1
            XCTAssertEqual(warm.policy.actions[x], solved.policy.actions[x], "x=\(x)")
            if solved.policy.actions[x] != 0 { notZero += 1 }
        }
        for x in solved.value.indices where (0..<ag).allSatisfy({ cold.visits[x * ag + $0] == 0 }) {
            XCTAssertEqual(cold.policy.actions[x], 0, "x=\(x)")
        }
        // Most states are unvisited after 30 steps, and G-LEARN's action is not 0 in many of them.
        XCTAssertGreaterThan(unvisited, 100)
        XCTAssertGreaterThan(notZero, 20)
        // Visited entries moved away from the warm start: the samples still count.
        let visited = warm.visits.indices.filter { warm.visits[$0] > 0 }
        XCTAssertFalse(visited.isEmpty)
        XCTAssertEqual(warm.updates, 30)
    }
}
