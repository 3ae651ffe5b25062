import Agents
import Engine
import Foundation

extension BenchCatalog {
    /// W6 / W7's cost: q = 1, κ = 2, γ = 50, α = 0.001 (`ts-logistic`'s).
    static let forecastCost = CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 50, alpha: 0.001)
    /// W6's policy: `memoa` over a window of 3.
    static let forecastMemoa = MemoaPolicy(game: WindowGameSettings(window: 3, weights: forecastCost))
    /// W7's policy: `greedy` over a window of 2 with γ = 10.
    static let forecastGreedy = GreedyPolicy(update: GreedyConfig(window: 2, alpha: 0.001, gamma: 10))

    /// W6 / W7 with other sizes: `ts-logistic`'s world (echo-state encoders with d_z = 6 and σ = 1,
    /// the ridge mixture, cost ``forecastCost``, no `worstClientRegret` sums) and `policy`, N clients over `rounds` rounds, run by the
    /// engine as `sim run` runs it (the first `worldTick`, which builds the clients, is not timed); one
    /// operation is one client-round. The split reports the last timed run's wall seconds per part.
    public static func forecast(_ name: String, _ policy: any ForecastPolicy, clients n: Int, rounds: Int,
                                threads: Int) -> BenchCase {
        let recorder = Locked<[BenchMeasurement.Part]>([])
        var benchCase = BenchCase(name: name, size: n, unit: .clientStepsPerSecond, threads: threads) {
            var setup = ForecastSetup(makeData: { LogisticSeries.withRounds(rounds).data(seed: $0) }, rounds: rounds, clients: n,
                                      encoder: EncoderConfig(kind: .esn, latentWidth: 6, sigma: 1.0),
                                      mixture: .ridge(kappaS: 1, eta: 1), policy: policy, evaluation: forecastCost)
            // As `sim run` of `ts-logistic`, which does not report `worstClientRegret`.
            setup.regret = false
            var engine = TimeSeriesWorld.simulation(setup: setup, seed: seed)
            engine.model.populationThreads = threads
            _ = try engine.step()
            return {
                _ = try engine.run(until: Double(rounds))
                guard let simulation = engine.model.simulation, simulation.isFinished else {
                    preconditionFailure("\(name) did not finish its rounds")
                }
                precondition(simulation.metrics.mixtureRMSE.isFinite, "\(name) produced a non-finite error")
                recorder.withLock { $0 = simulation.phaseSeconds.named.map { BenchMeasurement.Part(name: $0.name, seconds: $0.seconds) } }
                return n * rounds
            }
        }
        benchCase.split = { recorder.withLock { $0 } }
        return benchCase
    }
}
