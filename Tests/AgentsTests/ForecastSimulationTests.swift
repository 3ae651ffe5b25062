import XCTest
import SimTestSupport
@testable import Agents

final class ForecastSimulationTests: XCTestCase {
    private func logistic(rounds: Int = 30) -> TimeSeriesData {
        var s = LogisticSeries()
        s.rounds = rounds
        return s.data(seed: 0)
    }

    private func run(_ policy: any ForecastPolicy, data: TimeSeriesData, clients: Int = 4, seed: UInt64 = 1,
                     mixture: MixtureConfig = .ridge()) throws -> ForecastMetrics {
        var sim = ForecastSimulation(data: data, clients: clients, encoder: EncoderConfig(latentWidth: 3, sigma: 0.5),
                                     mixture: mixture, policy: policy, evaluation: CostWeights(), seed: seed)
        return try sim.playToEnd()
    }

    func test_sameSeed_isBitIdentical() throws {
        let policies: [any ForecastPolicy] = [GreedyPolicy(), ReplayOnlyPolicy(), NashNPolicy(), MemoaPolicy(), PersistencePolicy()]
        for p in policies {
            var a = try run(p, data: logistic()), b = try run(p, data: logistic())
            a.wallSecondsPerStep = 0
            b.wallSecondsPerStep = 0
            XCTAssertEqual(a, b, p.kind)
        }
    }

    func test_replayOnly_predictsTheValueTRoundsBack() throws {
        let data = logistic(rounds: 12)
        let T = 3
        var sim = ForecastSimulation(data: data, clients: 2, encoder: EncoderConfig(), mixture: .uniform,
                                     policy: ReplayOnlyPolicy(game: WindowGameSettings(window: T)),
                                     evaluation: CostWeights(), seed: 1)
        while !sim.isFinished {
            let t = sim.state.round
            try sim.playRound()
            if t >= T {
                XCTAssertEqual(sim.state.predictions, [data.target(t - T)[0], data.target(t - T)[0]], "round \(t)")
            }
        }
    }

    func test_metrics_naiveRMSE_andTraceOrder() throws {
        let data = logistic(rounds: 10)
        var sim = ForecastSimulation(data: data, clients: 3, encoder: EncoderConfig(), mixture: .ridge(),
                                     policy: MemoaPolicy(game: WindowGameSettings(window: 3), sampleSize: 2),
                                     evaluation: CostWeights(), seed: 2)
        var log: [String] = []
        let m = try sim.playToEnd { log.append("\($0.round):\($0.kind)") }
        XCTAssertEqual(m.naiveRMSE, data.persistenceRMSE, accuracy: 1e-15)
        XCTAssertEqual(Array(log.prefix(4)), ["0:observe", "0:globalObserve", "0:policyStep", "0:mixtureUpdate"])
        XCTAssertEqual(Array(log[12..<16]), ["3:observe", "3:globalObserve", "3:policyStep", "3:mixtureUpdate"])
        XCTAssertEqual(log.count, 10 * 4)
        XCTAssertGreaterThanOrEqual(m.worstClientRMSE, m.meanClientRMSE)
        // 3 uploads per round plus k + N on each of the 7 game rounds.
        XCTAssertEqual(m.messages, (3 * 10 + 7 * (2 + 3)) / 10.0, accuracy: 1e-12)
    }

    func test_greedy_firstRoundPredictsY0_andLearns() throws {
        let data = logistic(rounds: 40)
        var sim = ForecastSimulation(data: data, clients: 2, encoder: EncoderConfig(), mixture: .ridge(),
                                     policy: GreedyPolicy(), evaluation: CostWeights(), seed: 3)
        try sim.playRound()
        XCTAssertEqual(sim.state.predictions, [0.6, 0.6])
        let m = try sim.playToEnd()
        XCTAssertTrue(m.mixtureRMSE.isFinite)
    }

    func test_nashN_andMemoa_runOnTwoDimensionalTarget() throws {
        var cd = ConceptDriftSeries()
        cd.rounds = 20
        let policies: [any ForecastPolicy] = [NashNPolicy(game: WindowGameSettings(window: 2, weights: CostWeights(gamma: 5))),
                                              MemoaPolicy(game: WindowGameSettings(window: 2, weights: CostWeights(gamma: 5), mcSamples: 3))]
        for p in policies {
            let m = try run(p, data: cd.data(), clients: 3)
            XCTAssertTrue(m.worstClientRMSE.isFinite, p.kind)
        }
    }

    func test_gameEvery_alternatesGameAndGreedyRounds_afterWarmup() throws {
        var sim = ForecastSimulation(data: logistic(rounds: 12), clients: 2, encoder: EncoderConfig(), mixture: .ridge(),
                                     policy: MemoaPolicy(game: WindowGameSettings(window: 3, gameEvery: 2)),
                                     evaluation: CostWeights(), seed: 4)
        var games: [Int] = []
        _ = try sim.playToEnd { event in
            if event.kind == .policyStep, event.payload.first?.1 == 1 { games.append(event.round) }
        }
        XCTAssertEqual(games, [3, 5, 7, 9, 11])
    }

    func test_replayReset_changesPredictions() throws {
        let data = logistic(rounds: 25)
        let reset = try run(MemoaPolicy(game: WindowGameSettings(replayReset: true)), data: data)
        let own = try run(MemoaPolicy(game: WindowGameSettings(replayReset: false)), data: data)
        XCTAssertNotEqual(reset.worstClientRMSE, own.worstClientRMSE)
    }
}
