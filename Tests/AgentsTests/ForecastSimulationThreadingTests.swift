import XCTest
@testable import Agents

/// The clients' chunked work gives bit-identical results for any thread count, and chunk boundaries
/// change only sums over clients (never a per-client number).
final class ForecastSimulationThreadingTests: XCTestCase {
    private func data() -> TimeSeriesData {
        var s = LogisticSeries()
        s.rounds = 25
        return s.data(seed: 0)
    }

    /// Runs a policy and returns its metrics with the final predictions and weights, as bit patterns.
    private func fingerprint(_ policy: any ForecastPolicy, clients: Int, threads: Int, chunkSize: Int,
                             mixture: MixtureConfig = .ridge()) throws -> [UInt64] {
        var sim = ForecastSimulation(data: data(), clients: clients, encoder: EncoderConfig(latentWidth: 4, sigma: 0.5),
                                     mixture: mixture, policy: policy, evaluation: CostWeights(), seed: 3, chunkSize: chunkSize)
        sim.threads = threads
        var m = try sim.playToEnd()
        m.wallSecondsPerStep = 0
        return (m.named.map(\.1) + sim.state.predictions + sim.state.serverPrediction + sim.state.controls).map(\.bitPattern)
    }

    func test_threads_1_2_8_areBitIdentical_overManyChunks() throws {
        let policies: [any ForecastPolicy] = [MemoaPolicy(game: WindowGameSettings(window: 3)),
                                              MemoaPolicy(game: WindowGameSettings(window: 2), sampleSize: 5),
                                              GreedyPolicy(), ReplayOnlyPolicy()]
        for policy in policies {
            let one = try fingerprint(policy, clients: 23, threads: 1, chunkSize: 4)
            for threads in [2, 8] {
                XCTAssertEqual(try fingerprint(policy, clients: 23, threads: threads, chunkSize: 4), one, "\(policy.kind) × \(threads)")
            }
        }
    }

    /// Greedy has no sum over clients inside the policy, so even the chunk size cannot change it.
    func test_greedy_doesNotDependOnTheChunkSize() throws {
        let policy = GreedyPolicy()
        XCTAssertEqual(try fingerprint(policy, clients: 23, threads: 2, chunkSize: 4),
                       try fingerprint(policy, clients: 23, threads: 1, chunkSize: 4_096))
    }

    /// memoa's averages are summed per chunk, then in chunk order: another chunking may move the last
    /// bits, but not the numbers.
    func test_memoa_chunkSize_changesAtMostRounding() throws {
        let policy = MemoaPolicy(game: WindowGameSettings(window: 3))
        let small = try fingerprint(policy, clients: 23, threads: 2, chunkSize: 4).map(Double.init(bitPattern:))
        let one = try fingerprint(policy, clients: 23, threads: 1, chunkSize: 4_096).map(Double.init(bitPattern:))
        for (a, b) in zip(small, one) { XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b))) }
    }
}
