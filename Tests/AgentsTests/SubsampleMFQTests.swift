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

/// Generative sampling and the unvisited-state fallback.
final class SubsampleMFQGenerativeTests: XCTestCase {
    func test_generative_visitsEveryStateAction_andConvergesToTheExactGLearnPolicy() {
        let game = TinyGames.random(seed: 41, localStates: 2)
        let pi = TinyGames.localPolicy(seed: 42, for: game)
        var exactOptions = GLearn.Options()
        exactOptions.method = .exact
        exactOptions.tol = 1e-12
        let exact = GLearn(game: game, gamma: 0.8, options: exactOptions).solve(localPolicy: pi, k: 2)
        var options = SubsampleMFQ.Options()
        options.sampling = .generative(rounds: 3000)
        options.seed = 5
        let learned = SubsampleMFQ(game: game, gamma: 0.8, options: options).train(localPolicy: pi, k: 2)
        XCTAssertEqual(learned.updates, 3000 * 2 * 3 * 2)
        XCTAssertTrue(learned.visits.allSatisfy { $0 == 3000 })
        XCTAssertEqual(learned.visitedFraction, 1)
        for x in exact.value.indices {
            XCTAssertEqual(learned.q[(x * 2)..<(x * 2 + 2)].max()!, exact.value[x], accuracy: 0.01 * abs(exact.value[x]), "x=\(x)")
        }
        XCTAssertEqual(learned.policy.actions, exact.policy.actions)
        XCTAssertEqual(learned.curves.map(\.quantity), ["visitedFraction", "meanTDError"])
        XCTAssertEqual(learned.curves[1].x.count, 3000)
        XCTAssertLessThan(learned.curves[1].y.last!, learned.curves[1].y.first!)
    }

    /// Brute force: for every unvisited vector, the nearest visited ones by transfer distance
    /// Σ_j max(0, c_j - d_j); the fallback must pick one of them.
    func test_nearestVisited_picksAVisitedVectorAtTheSmallestTransferDistance() {
        let space = CountVectorSpace(k: 4, states: 3)
        let visited = (0..<(2 * space.count)).map { $0 % 4 == 1 }
        let actions = (0..<(2 * space.count)).map { Int32($0 % 5) }
        let filled = SubsampleMFQ.nearestVisited(actions, space: space, globalStates: 2, visited: visited)
        for sg in 0..<2 {
            for rank in 0..<space.count {
                let x = sg * space.count + rank
                if visited[x] { XCTAssertEqual(filled[x], actions[x]); continue }
                let c = space.unrank(rank)
                let distances = (0..<space.count).filter { visited[sg * space.count + $0] }.map { other -> (Int, Int32) in
                    let d = space.unrank(other)
                    return (zip(c, d).reduce(0) { $0 + max(0, $1.0 - $1.1) }, actions[sg * space.count + other])
                }
                let best = distances.map(\.0).min()!
                XCTAssertTrue(distances.contains { $0.0 == best && $0.1 == filled[x] }, "sg=\(sg) c=\(c)")
            }
        }
    }
}
