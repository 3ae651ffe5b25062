import Agents
import Foundation

extension BenchCatalog {
    /// W6 / W7 with other sizes: `ts-logistic`'s world (echo-state encoders with d_z = 6 and σ = 1,
    /// the ridge mixture, cost q = 1, κ = 2, γ = 50, α = 0.001) and its `memoa` (window 3) or `greedy`
    /// (window 2, γ = 10) policy, N clients over `rounds` rounds; one operation is one client-round.
    /// The split reports the last timed run's wall seconds per part.
    public static func forecast(_ name: String, _ kind: ForecastPolicyConfig.Kind, clients n: Int, rounds: Int,
                                threads: Int) -> BenchCase {
        let recorder = SplitRecorder()
        var benchCase = BenchCase(name: name, size: n, unit: .clientStepsPerSecond, threads: threads) {
            let cost = CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 50, alpha: 0.001)
            let policy = kind == .greedy
                ? ForecastPolicyConfig(kind: .greedy, greedy: GreedyConfig(window: 2, alpha: 0.001, gamma: 10))
                : ForecastPolicyConfig(kind: kind, window: 3, weights: cost)
            var simulation = ForecastSimulation(data: LogisticSeries.withRounds(rounds).data(seed: seed), clients: n,
                                                encoder: EncoderConfig(kind: .esn, latentWidth: 6, sigma: 1.0),
                                                mixture: .ridge(kappaS: 1, eta: 1), policy: policy, evaluation: cost, seed: seed)
            simulation.threads = threads
            return {
                let metrics = try simulation.run()
                precondition(metrics.mixtureRMSE.isFinite, "\(name) produced a non-finite error")
                recorder.store(simulation.phaseSeconds.named.map { BenchMeasurement.Part(name: $0.name, seconds: $0.seconds) })
                return n * rounds
            }
        }
        benchCase.split = { recorder.parts }
        return benchCase
    }
}

/// The split of the last run, written by the timed closure and read after it (a lock: once per run).
private final class SplitRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [BenchMeasurement.Part] = []  // guarded by lock

    func store(_ parts: [BenchMeasurement.Part]) {
        lock.lock()
        defer { lock.unlock() }
        stored = parts
    }

    var parts: [BenchMeasurement.Part] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
