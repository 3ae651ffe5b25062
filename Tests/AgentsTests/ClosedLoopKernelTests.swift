import XCTest
import SimTestSupport
@testable import Agents

/// The joint L-LEARN model: the closed-loop kernel against exact enumeration of the mean-field model,
/// and the joint / greedy / finite-horizon solves against brute-force dynamic programming.
final class ClosedLoopKernelTests: XCTestCase {
    /// A count-dependent global policy: steer to (mode + s_g) mod |A_g|.
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

    /// Exact N_t(s_g, s_l, s_g') of the mean-field model by enumerating every global path and every
    /// sequence of k sampled states (|S_l|^k per step), from a fixed μ_0 and s_g uniform.
    private func exactTally(_ game: TabularGame, _ piG: GlobalPolicyTable, _ piL: LocalPolicyTable, mu0: [Double],
                            horizon: Int, gamma: Double) -> [Double] {
        let g = game.globalStates, l = game.localStates, k = piG.k
        let dynamics = InducedLocalDynamics(game: game, policy: piL)
        var tally = [Double](repeating: 0, count: horizon * g * l * g)
        func visit(_ t: Int, _ sg: Int, _ mu: [Double], _ p: Double) {
            guard t < horizon else { return }
            var nextByAction = [Double](repeating: 0, count: g)   // P(s_g' | s_g, μ)
            for code in 0..<Int(pow(Double(l), Double(k))) {
                var rest = code, q = 1.0, counts = [Int](repeating: 0, count: l)
                for _ in 0..<k { q *= mu[rest % l]; counts[rest % l] += 1; rest /= l }
                let a = piG.action(sg, counts: counts)
                for s2 in 0..<g { nextByAction[s2] += q * game.pGlobal(sg, a, s2) }
            }
            for sl in 0..<l { for s2 in 0..<g {
                tally[((t * g + sg) * l + sl) * g + s2] += p * pow(gamma, Double(t)) * mu[sl] * nextByAction[s2]
            } }
            for s2 in 0..<g where nextByAction[s2] > 0 {
                let read = game.localUsesNextGlobal ? s2 : sg
                let next = (0..<l).map { j in (0..<l).reduce(0.0) { $0 + mu[$1] * dynamics.transition[dynamics.row(sg, read, $1) + j] } }
                visit(t + 1, s2, next, p * nextByAction[s2])
            }
        }
        for sg in 0..<g { visit(0, sg, mu0, 1.0 / Double(g)) }
        return tally
    }

    func test_kernel_matchesExactEnumerationOfTheMeanFieldModel() {
        for nextGlobal in [false, true] {
            let game = TinyGames.random(seed: 31, localStates: 3, localUsesNextGlobal: nextGlobal)
            let piG = modePolicy(game, k: 2), piL = TinyGames.localPolicy(seed: 32, for: game)
            let mu0 = [0.5, 0.3, 0.2]
            var settings = ClosedLoopKernel.Settings()
            settings.episodes = 40_000
            settings.horizon = 3
            settings.initial = .fixed(mu0)
            let kernel = ClosedLoopKernel(game: game, gamma: 0.9, globalPolicy: piG, localPolicy: piL, settings: settings)
            let tally = exactTally(game, piG, piL, mu0: mu0, horizon: 3, gamma: 0.9)
            let exactStep = ClosedLoopKernel.normalizedRows(tally, width: 2)
            XCTAssertLessThan(maxAbsDifference(kernel.perStep, exactStep), 0.02, "next=\(nextGlobal)")
            var pooled = [Double](repeating: 0, count: 2 * 3 * 2)
            for (i, x) in tally.enumerated() { pooled[i % pooled.count] += x }
            XCTAssertLessThan(maxAbsDifference(kernel.pooled, ClosedLoopKernel.normalizedRows(pooled, width: 2)), 0.01)
            let exactOccupancy = stride(from: 0, to: tally.count, by: 2).map { tally[$0] + tally[$0 + 1] }
            XCTAssertLessThan(maxAbsDifference(kernel.occupancy, exactOccupancy), 0.01)
        }
    }

    /// Brute-force Q of (s_g, s_l) under a state-dependent global kernel `[s_g][s_l][s_g']`, written out
    /// as a full transition matrix per action; `horizon` nil = discounted value iteration to convergence.
    private func bruteForceQ(_ game: TabularGame, kernel: [Double], gamma: Double, horizon: Int?) -> [[Double]] {
        let g = game.globalStates, l = game.localStates, al = game.localActions
        func backup(_ v: [Double]) -> [Double] {
            var q = [Double](repeating: 0, count: g * l * al)
            for sg in 0..<g { for sl in 0..<l { for a in 0..<al {
                var future = 0.0
                for s2 in 0..<g { for l2 in 0..<l {
                    let read = game.localUsesNextGlobal ? s2 : sg
                    future += kernel[(sg * l + sl) * g + s2] * game.pLocal(sl, read, a, l2) * v[s2 * l + l2]
                } }
                q[(sg * l + sl) * al + a] = game.rewardLocal(sl, sg, a) + gamma * future
            } } }
            return q
        }
        var v = [Double](repeating: 0, count: g * l), qs: [[Double]] = []
        for _ in 0..<(horizon ?? 3000) {
            let q = backup(v)
            qs.insert(q, at: 0)
            v = (0..<(g * l)).map { s in (0..<al).map { q[s * al + $0] }.max()! }
        }
        return qs
    }

    func test_jointSolve_equalsBruteForce_andGreedyPicksItsArgmax() {
        let game = TinyGames.random(seed: 33, localStates: 3, localActions: 3)
        let piG = modePolicy(game, k: 2), piL = TinyGames.localPolicy(seed: 34, for: game)
        var options = LLearn.Options()
        options.tol = 1e-12
        options.maxIterations = 10_000
        options.temperature = .greedy
        var settings = ClosedLoopKernel.Settings()
        settings.episodes = 200
        settings.horizon = 10
        options.model = .joint(settings)
        let result = LLearn(game: game, gamma: 0.9, options: options).solve(globalPolicy: piG, localPolicy: piL)
        // The kernel depends on s_l (the point of the joint model) and is a law for every (s_g, s_l).
        let rows = stride(from: 0, to: result.globalKernel.count, by: 2).map { Array(result.globalKernel[$0..<($0 + 2)]) }
        for row in rows { XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12) }
        XCTAssertGreaterThan(abs(rows[0][0] - rows[1][0]) + abs(rows[0][0] - rows[2][0]), 1e-3)
        let brute = bruteForceQ(game, kernel: result.globalKernel, gamma: 0.9, horizon: nil)[0]
        XCTAssertLessThan(maxAbsDifference(result.q, brute), 1e-8)
        for s in 0..<6 {
            let row = Array(brute[(s * 3)..<(s * 3 + 3)])
            let best = row.firstIndex(of: row.max()!)!
            XCTAssertEqual((0..<3).map { result.policy.probability(s / 3, s % 3, $0) }, (0..<3).map { $0 == best ? 1 : 0 })
        }
    }

    func test_greedy_breaksExactTiesToTheLowestAction() {
        // Two identical actions: every Q row ties between them, and the lowest must win.
        let base = TinyGames.random(seed: 35, localStates: 2, localActions: 1)
        let game = TabularGame(globalStates: 2, globalActions: 2, localStates: 2, localActions: 2,
                               globalTransition: base.globalTransition,
                               localTransition: (0..<4).flatMap { row in Array(repeating: Array(base.localTransition[(row * 2)..<(row * 2 + 2)]), count: 2).flatMap { $0 } },
                               globalReward: base.globalReward, localReward: base.localReward.flatMap { [$0, $0] })
        var options = LLearn.Options()
        options.temperature = .greedy
        let result = LLearn(game: game, gamma: 0.9, options: options).solve(globalPolicy: .constant(0, k: 1, for: game),
                                                                          localPolicy: .uniform(for: game))
        XCTAssertEqual(result.policy.probabilities, [1, 0, 1, 0, 1, 0, 1, 0])
    }

    func test_finiteHorizon_stationaryModel_equalsBruteForceBackwardInduction() {
        let game = TinyGames.random(seed: 36, localStates: 3, localActions: 2)
        let piG = modePolicy(game, k: 2), piL = TinyGames.localPolicy(seed: 37, for: game)
        var options = LLearn.Options()
        options.finiteHorizon = 4
        let result = LLearn(game: game, gamma: 0.8, options: options).solve(globalPolicy: piG, localPolicy: piL)
        let qs = bruteForceQ(game, kernel: result.globalKernel, gamma: 0.8, horizon: 4)
        // V_0 and the γ^t-pooled Q of the type's documentation.
        let v0 = (0..<6).map { s in (0..<2).map { qs[0][s * 2 + $0] }.max()! }
        XCTAssertLessThan(maxAbsDifference(result.value, v0), 1e-12)
        let weights = (0..<4).map { pow(0.8, Double($0)) }, total = weights.reduce(0, +)
        let pooled = (0..<12).map { i in (0..<4).reduce(0.0) { $0 + weights[$1] * qs[$1][i] } / total }
        XCTAssertLessThan(maxAbsDifference(result.q, pooled), 1e-12)
        XCTAssertEqual(result.iterations, 4)
    }
}
