import XCTest
import SimTestSupport
@testable import Agents

final class SubsampleMFQTests: XCTestCase {
    /// Max relative gap between max_a Q and the exact G-LEARN value over states visited ≥ 200 times.
    private func gap(_ learned: SubsampleMFQ.Result, _ exact: GLearn.Result, actions: Int) -> Double {
        var worst = 0.0
        for x in exact.value.indices {
            let cells = (x * actions)..<((x + 1) * actions)
            guard learned.visits[cells].reduce(0, +) >= 200 else { continue }
            let v = learned.q[cells].max()!
            worst = max(worst, abs(v - exact.value[x]) / abs(exact.value[x]))
        }
        return worst
    }

    func test_qLearning_convergesTowardValueIteration() {
        let game = TinyGames.random(seed: 31, localStates: 2)
        let pi = TinyGames.localPolicy(seed: 32, for: game)
        var exactOptions = GLearn.Options()
        exactOptions.method = .exact
        exactOptions.tol = 1e-12
        let exact = GLearn(game: game, gamma: 0.8, options: exactOptions).solve(localPolicy: pi, k: 2)
        var options = SubsampleMFQ.Options()
        options.horizon = 40
        options.epsilon = 0.3
        options.seed = 7
        var gaps: [Double] = []
        for episodes in [50, 2000] {
            options.episodes = episodes
            let learned = SubsampleMFQ(game: game, gamma: 0.8, options: options).train(localPolicy: pi, k: 2)
            gaps.append(gap(learned, exact, actions: 2))
        }

        XCTAssertLessThan(gaps[1], gaps[0], "gaps \(gaps)")
        XCTAssertLessThan(gaps[1], 0.01, "gaps \(gaps)")
    }

    func test_training_isReproducibleForASeed() {
        let game = RingZones().game()
        var options = SubsampleMFQ.Options()
        options.episodes = 20
        options.seed = 3
        let a = SubsampleMFQ(game: game, gamma: 0.95, options: options).train(localPolicy: .uniform(for: game), k: 3)
        let b = SubsampleMFQ(game: game, gamma: 0.95, options: options).train(localPolicy: .uniform(for: game), k: 3)
        XCTAssertEqual(a.q, b.q)
        XCTAssertEqual(a.updates, 20 * 50)
    }
}
