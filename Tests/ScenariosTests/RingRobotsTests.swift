import XCTest
import Agents
import Engine
@testable import Scenarios

/// W3's model: the moves it makes, and bit-identical states whatever the thread count.
final class RingRobotsTests: XCTestCase {
    func states(robots: Int, steps: Int, threads: Int, chunkSize: Int) throws -> ([UInt8], Int) {
        let model = RingRobots(robots: robots, k: 10, seed: 5, threads: threads, chunkSize: chunkSize)
        var simulation = Simulation(model: model, schedules: ScheduleTable(RingRobots.schedule, seed: 5, agents: robots))
        _ = try simulation.run(until: Double(steps))
        return (simulation.model.states, simulation.model.globalZone)
    }

    func test_states_areBitIdenticalFor1_2_8Threads() throws {
        let one = try states(robots: 20_000, steps: 6, threads: 1, chunkSize: 1_000)
        for threads in [2, 8] {
            let other = try states(robots: 20_000, steps: 6, threads: threads, chunkSize: 1_000)
            XCTAssertEqual(other.0, one.0, "threads \(threads)")
            XCTAssertEqual(other.1, one.1, "threads \(threads)")
        }
        // The default chunking, several chunks.
        let big = try states(robots: 140_000, steps: 2, threads: 1, chunkSize: PopulationChunks.defaultChunkSize)
        XCTAssertEqual(try states(robots: 140_000, steps: 2, threads: 2, chunkSize: PopulationChunks.defaultChunkSize).0, big.0)
    }

    func test_moves_stayOrStepOneZoneWithTheStatedProbabilities() throws {
        let n = 100_000
        let before = RingRobots(robots: n, k: 10, seed: 5).states
        let after = try states(robots: n, steps: 1, threads: 1, chunkSize: 4_096).0
        var tally = [0, 0, 0, 0, 0]
        for i in 0..<n { tally[(Int(after[i]) - Int(before[i]) + 5) % 5] += 1 }
        XCTAssertEqual(tally[2] + tally[3], 0, "only stay, +1 and -1")
        // Binomial sd at n = 1e5: 155 for 0.6, 126 for 0.2; allow 5 sd.
        XCTAssertEqual(Double(tally[0]), 0.6 * Double(n), accuracy: 800)
        XCTAssertEqual(Double(tally[1]), 0.2 * Double(n), accuracy: 650)
        XCTAssertEqual(Double(tally[4]), 0.2 * Double(n), accuracy: 650)
    }

    func test_globalZone_isTheModeOfTheSample() throws {
        var simulation = Simulation(model: RingRobots(robots: 1_000, k: 10, seed: 9),
                                    schedules: ScheduleTable(RingRobots.schedule, seed: 9, agents: 1_000))
        for _ in 0..<3 { _ = try simulation.step() }
        let model = simulation.model
        XCTAssertEqual(model.sampleCounts.reduce(0, +), 10)
        XCTAssertEqual(model.globalZone, ModeDispatchPolicy.mode(of: model.sampleCounts))
    }
}
