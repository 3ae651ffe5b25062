import XCTest
import Dispatch
import Agents
#if canImport(Glibc)
import Glibc
#endif

/// Timings behind README.md, "Performance" (G-LEARN for k = 30 on ring-zones under 0.5 s).
/// Skipped unless `SIM_PERF=1`, and meaningful only in a release build:
/// `SIM_PERF=1 swift test -c release --filter AgentsTests.LearningPerformanceTests`.
final class LearningPerformanceTests: XCTestCase {
    /// Process CPU seconds of `body`: wall time is meaningless on a shared, loaded machine.
    private func seconds(_ body: () -> Void) -> Double {
        func cpu() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = cpu()
        body()
        return cpu() - start
    }

    func test_gLearn_k30_ringZones() throws {
        guard ProcessInfo.processInfo.environment["SIM_PERF"] == "1" else { throw XCTSkip("set SIM_PERF=1") }
        let game = RingZones().game()
        let learner = GLearn(game: game, gamma: 0.95)
        var result: GLearn.Result?
        let times = (0..<3).map { _ in seconds { result = learner.solve(localPolicy: .uniform(for: game), k: 30) } }
        let space = CountVectorSpace(k: 30, states: 5)
        let dynamics = InducedLocalDynamics(game: game, policy: .uniform(for: game))
        var table: CountTransitionTable?
        let build = seconds { table = CountTransitionTable(space: space, dynamics: dynamics, method: .rounding) }
        let solve = seconds { result = learner.solve(table: table!, dynamics: dynamics) }
        print("G-LEARN k=30 rounding reachable levels: \(table!.reachableLevels().map(\.count))")
        print("G-LEARN k=30 rounding split (CPU s): table \(build) s, value iteration \(solve) s")
        print("G-LEARN k=30 rounding: \(times) CPU s, \(result!.iterations) sweeps, residual \(result!.residual)")
        XCTAssertLessThan(times.min()!, 0.5)
    }
}
