import Foundation
import SimTestSupport
import XCTest
import Agents
@testable import Scenarios

/// The time-series memory estimate against the measured peak of real runs at a moderate N: the growth
/// of the resident set while the run is built and runs (Linux: the high-water mark is reset first).
final class TimeSeriesMemoryEstimateTests: XCTestCase {
    /// Resident bytes now (`VmRSS`), nil where /proc is absent.
    private func residentBytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kib * 1024
    }

    func test_estimate_matchesMeasuredPeak_within25Percent() throws {
        try LongTest.require()
        let clients = 30_000, rounds = 4
        // Every metric (the regret sums kept), then only the mixture's RMSE (no regret sums).
        for (outputs, regret) in [("", true), ("outputs: { metrics: [\"mixtureRMSE\"] },", false)] {
            let text = """
            { name: "mem", seed: 1, \(outputs)
              world: { kind: "logistic", rounds: \(rounds), clients: \(clients), encoder: { latentWidth: 6, sigma: 1.0 } },
              policies: { memoa: { kind: "memoa", window: 3 }, greedy: { kind: "greedy", window: 2 } } }
            """
            let scenario = try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "mem.json5"))
            let world = try XCTUnwrap(scenario.world as? TimeSeriesScenarioWorld)
            for policy in world.policies {
                let estimate = TimeSeriesScenarioWorld.memoryEstimate(rounds: rounds, episodes: 1, clients: clients,
                                                                      encoder: EncoderConfig(latentWidth: 6, sigma: 1.0), data: nil,
                                                                      mixture: .ridge(), regret: regret, policies: [policy]).totalBytes
                guard PeakMemory.reset(), let before = residentBytes() else { throw XCTSkip("no resettable peak RSS here") }
                var session = try scenario.makeSession(policy: policy.name)
                _ = try session.run(until: session.endTime, shouldStop: { false })
                _ = try session.finish()
                let growth = Double(PeakMemory.peakBytes()) - before
                XCTAssertEqual(growth, estimate, accuracy: 0.25 * estimate,
                               "\(policy.name), regret \(regret): measured \(Int(growth)) bytes, estimated \(Int(estimate))")
            }
        }
    }

    func test_regretSums_areCounted_onlyWhenTheMetricIsReported() throws {
        let n = 100_000
        func load(_ outputs: String, limit: Double = .infinity) throws -> Scenario {
            let text = """
            { name: "r", seed: 1, \(outputs)
              world: { kind: "logistic", rounds: 10, clients: \(n), encoder: { latentWidth: 6 } },
              policies: { greedy: { kind: "greedy", window: 2 } } }
            """
            return try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "r.json5"),
                                limits: ResourceLimits(memoryBytes: limit, origin: "the test"))
        }
        let world = try XCTUnwrap(try load("").world as? TimeSeriesScenarioWorld)
        func estimate(regret: Bool) -> Double {
            TimeSeriesScenarioWorld.memoryEstimate(rounds: 10, episodes: 1, clients: n, encoder: EncoderConfig(latentWidth: 6),
                                                   data: nil, regret: regret, policies: world.policies).totalBytes
        }
        XCTAssertEqual(estimate(regret: true) - estimate(regret: false), Double(8 * n * (36 + 6 + 1)))
        // The builder checks the smaller estimate unless the scenario reports the metric (or every metric).
        let between = (estimate(regret: true) + estimate(regret: false)) / 2
        XCTAssertNoThrow(try load("outputs: { metrics: [\"mixtureRMSE\"] },", limit: between))
        XCTAssertThrowsError(try load("outputs: { metrics: [\"mixtureRMSE\", \"worstClientRegret\"] },", limit: between))
        XCTAssertThrowsError(try load("", limit: between))
    }

    func test_projectionEncoder_countsOneMapPerLatentColumn() throws {
        // `projection` keeps d_y · d_z · d_x entries of A per client instead of d_y · d_x, and maps x with each.
        let text = """
        { name: "proj", seed: 1, world: { kind: "logistic", rounds: 10, clients: 7 },
          policies: { greedy: { kind: "greedy", window: 2 } } }
        """
        let scenario = try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "proj.json5"))
        let world = try XCTUnwrap(scenario.world as? TimeSeriesScenarioWorld)
        let data = TimeSeriesData(inputs: Matrix(rows: 11, columns: 3), targets: Matrix(rows: 11, columns: 2))
        let n = 7.0, dx = 3.0, dy = 2.0, dz = 4.0
        func estimates(_ kind: EncoderKind) -> (bytes: Double, operations: Double) {
            let encoder = EncoderConfig(kind: kind, latentWidth: Int(dz), sigma: 0)
            let memory = TimeSeriesScenarioWorld.memoryEstimate(rounds: 10, episodes: 1, clients: Int(n), encoder: encoder,
                                                                data: data, policies: world.policies)
            let work = TimeSeriesScenarioWorld.workEstimate(clients: Int(n), encoder: encoder, data: data, policies: world.policies)
            return (memory.totalBytes, work.totalOperations)
        }
        let rf = estimates(.rf), projection = estimates(.projection)
        XCTAssertEqual(projection.bytes - rf.bytes, 8 * n * dy * (dz - 1) * dx)
        XCTAssertEqual(projection.operations - rf.operations, n * dy * (dz - 1) * dx)
    }
}
