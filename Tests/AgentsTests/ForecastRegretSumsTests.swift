import XCTest
@testable import Agents

/// The `worstClientRegret` comparator's sums are kept only when a run reports that metric, and leaving
/// them out changes no other number.
final class ForecastRegretSumsTests: XCTestCase {
    private func simulation(_ policy: any ForecastPolicy, regret: Bool) -> ForecastSimulation {
        var s = LogisticSeries()
        s.rounds = 20
        return ForecastSimulation(data: s.data(seed: 0), clients: 9, encoder: EncoderConfig(latentWidth: 3, sigma: 0.5),
                                  mixture: .ridge(), policy: policy, evaluation: CostWeights(), seed: 4, chunkSize: 4, regret: regret)
    }

    func test_withoutRegret_everyOtherNumberIsTheSame_andTheMetricIsNaN() throws {
        for policy in [MemoaPolicy(game: WindowGameSettings(window: 3)), GreedyPolicy()] as [any ForecastPolicy] {
            var with = simulation(policy, regret: true), without = simulation(policy, regret: false)
            var a = try with.playToEnd(), b = try without.playToEnd()
            XCTAssertNotNil(with.state.scores.hindsight)
            XCTAssertNil(without.state.scores.hindsight, "\(policy.kind): no sums kept")
            XCTAssertTrue(a.worstClientRegret.isFinite)
            XCTAssertTrue(b.worstClientRegret.isNaN)
            (a.wallSecondsPerStep, b.wallSecondsPerStep, a.worstClientRegret, b.worstClientRegret) = (0, 0, 0, 0)
            XCTAssertEqual(a, b, policy.kind)
            XCTAssertEqual(with.state.predictions, without.state.predictions)
            XCTAssertEqual(with.state.weights, without.state.weights)
        }
    }

    func test_world_summarizesRegret_onlyWhenItKeepsTheSums() throws {
        var s = LogisticSeries()
        s.rounds = 6
        let series = s
        var setup = ForecastSetup(makeData: { series.data(seed: $0) }, rounds: 6, clients: 3, encoder: EncoderConfig(latentWidth: 2),
                                  mixture: .ridge(), policy: GreedyPolicy(), evaluation: CostWeights())
        for regret in [true, false] {
            setup.regret = regret
            var engine = TimeSeriesWorld.simulation(setup: setup, seed: 1)
            _ = try engine.run(until: 6)
            engine.model.finishRun()
            XCTAssertEqual(engine.model.metricSummaries.contains { $0.name == "worstClientRegret" }, regret)
            XCTAssertEqual(engine.model.metricSummaries.count, ForecastMetrics.names.count - (regret ? 1 : 2))
        }
    }
}
