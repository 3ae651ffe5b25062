import Engine
import XCTest
@testable import Agents

/// The simulation's checkpoint: its whole mutable ``ForecastSimulation/State`` saved as one value, the
/// configuration digest from ``ForecastSimulation/Configuration``, and restore's validation.
final class ForecastSimulationCheckpointTests: XCTestCase {
    private func simulation(_ policy: any ForecastPolicy = MemoaPolicy(game: WindowGameSettings(window: 2), sampleSize: 2),
                            mixture: MixtureConfig = .hedge(learningRate: 2), seed: UInt64 = 4) -> ForecastSimulation {
        var s = LogisticSeries()
        s.rounds = 14
        return ForecastSimulation(data: s.data(seed: 0), clients: 4, encoder: EncoderConfig(latentWidth: 2, sigma: 0.5),
                                  mixture: mixture, policy: policy, evaluation: CostWeights(), seed: seed, persistenceExpert: true)
    }

    private func saved(_ sim: ForecastSimulation) -> [UInt8] {
        var writer = StateWriter()
        sim.save(into: &writer)
        return writer.bytes
    }

    private func restore(_ bytes: [UInt8], into sim: inout ForecastSimulation) throws {
        var reader = StateReader(bytes)
        try sim.restore(from: &reader)
        XCTAssertEqual(reader.remaining, 0)
    }

    /// Every field of the state changes in a round; restoring the bytes saved before brings all of them
    /// back, and the resumed run ends bit-identical to an uninterrupted one.
    func test_stateChangedAfterSave_isRestored_andTheRunContinuesBitIdentically() throws {
        var sim = simulation()
        for _ in 0..<5 { try sim.playRound() }
        let bytes = saved(sim), before = sim.state
        try sim.playRound()
        sim.state.scores.messages += 7
        XCTAssertNotEqual(sim.state, before)
        XCTAssertNotEqual(sim.state.mixtureMemory, before.mixtureMemory, "hedge's cumulative losses move every round")
        XCTAssertNotEqual(sim.state.encoderOutputs, before.encoderOutputs)
        try restore(bytes, into: &sim)
        XCTAssertEqual(sim.state, before)

        var uninterrupted = simulation()
        var fresh = simulation()
        try restore(bytes, into: &fresh)
        var a = try uninterrupted.playToEnd(), b = try fresh.playToEnd()
        a.wallSecondsPerStep = 0
        b.wallSecondsPerStep = 0
        XCTAssertEqual(a, b)
        XCTAssertEqual(uninterrupted.state.predictions, fresh.state.predictions)
    }

    /// Another seed, another policy family, other settings of the same family or another mixture: the
    /// configuration digest differs and restore refuses the checkpoint as a mismatch.
    func test_configurationDigest_coversSeedPolicyAndMixture() throws {
        let base = simulation()
        XCTAssertEqual(base.configurationDigest, simulation().configurationDigest)
        let others = [simulation(seed: 5), simulation(MemoaPolicy(game: WindowGameSettings(window: 3), sampleSize: 2)),
                      simulation(MemoaPolicy(game: WindowGameSettings(window: 2), sampleSize: 3)),
                      simulation(NashNPolicy(game: WindowGameSettings(window: 2))),
                      simulation(mixture: .hedge(learningRate: 3)), simulation(mixture: .eg())]
        let bytes = saved(base)
        for var other in others {
            XCTAssertNotEqual(other.configurationDigest, base.configurationDigest)
            XCTAssertThrowsError(try restore(bytes, into: &other)) { error in
                guard case .mismatch = error as? CheckpointError else { return XCTFail("\(error)") }
            }
        }
        // Two families with the same settings differ by their kind.
        XCTAssertNotEqual(simulation(ReplayOnlyPolicy()).configurationDigest, simulation(NashNPolicy()).configurationDigest)
    }

    /// A saved state whose values do not fit the run is refused as corrupt, field by field.
    func test_restore_refusesValuesThatDoNotFitTheRun() throws {
        var sim = simulation()
        for _ in 0..<5 { try sim.playRound() }
        let good = sim.state
        let edits: [(String, (inout ForecastSimulation.State) -> Void)] = [
            ("short predictions", { $0.predictions.removeLast() }),
            ("a NaN weight", { $0.weights[1] = .nan }),
            ("an infinite encoder output", { $0.encoderOutputs[0] = .infinity }),
            ("a round past the end", { $0.round = 99 }),
            ("a round the histories do not reach", { $0.round += 2 }),
            ("a client outside the population", { $0.sample = [0, 9] }),
            ("a sample of the wrong size", { $0.sample = [0, 1, 2] }),
            ("a repeated client", { $0.sample = [1, 1] }),
            ("mixture memory of the wrong length", { $0.mixtureMemory = [1] }),
            ("a negative squared error sum", { $0.scores.mixtureSquared = -1 }),
            ("more rounds scored than run", { $0.scores.scored = 50 }),
            ("a missing weight history", { $0.weightHistory = nil }),
            ("a weight history of another depth", { $0.weightHistory = RoundRing(depth: 5, width: 4) }),
        ]
        for (what, edit) in edits {
            var state = good
            edit(&state)
            var writer = StateWriter()
            writer.section("forecast-simulation")
            writer.write(sim.configurationDigest)
            try StateEncoder.encode(state, into: &writer)
            var target = simulation()
            XCTAssertThrowsError(try restore(writer.bytes, into: &target), what) { error in
                guard case .corrupt = error as? CheckpointError else { return XCTFail("\(what): \(error)") }
            }
        }
    }
}
