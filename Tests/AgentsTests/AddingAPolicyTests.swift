import XCTest
@testable import Agents

/// A forecaster written in one file, as README.md, "Adding a policy" describes: linear extrapolation,
/// Yhat_i,t+1 = y_t + (y_t − y_t−1) (y_t itself at t = 0), with no control.
struct ExtrapolationPolicy: ForecastPolicy, Codable {
    static let family = PolicyFamily(kind: "extrapolation", summary: "every client extends the last step (y_t+1 = 2 y_t − y_t−1)")

    var encoder: EncoderConfig? { nil }
    /// It reads only the targets, which the simulation keeps whole.
    var lookBack: ForecastLookBack { ForecastLookBack(encodings: 1, predictions: 1, weights: nil) }
    var strategies: ForecastStrategies { .undefined(reason: "extrapolation plays no window game") }
    var problem: String? { nil }

    func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)] {
        let now = simulation.data.target(t), before = t > 0 ? simulation.data.target(t - 1) : now
        let dy = now.count
        for i in 0..<simulation.clients {
            for d in 0..<dy { simulation.state.nextPredictions[i * dy + d] = 2 * now[d] - before[d] }
        }
        for c in simulation.state.controls.indices { simulation.state.controls[c] = 0 }
        return [("game", 0)]
    }
}

/// The client role is the only contract between a policy and the time-series world: a type defined
/// outside the module's policy list runs, is scored, and checkpoints like the built-in ones.
final class AddingAPolicyTests: XCTestCase {
    /// y_t = 0.1 t over R rounds: only the prediction of y_1 (issued at t = 0 as y_0) misses, by 0.1,
    /// while persistence misses every round by 0.1; so the client RMSE is 0.1 / √R and `naiveRMSE` 0.1.
    func testALinearSeriesIsExtrapolatedExactlyAfterTheFirstRound() throws {
        let rounds = 16
        let data = TimeSeriesData(inputs: Matrix(rows: rounds + 1, columns: 1, repeating: 1),
                                  targets: Matrix.column((0...rounds).map { 0.1 * Double($0) }))
        var simulation = ForecastSimulation(data: data, clients: 3, encoder: EncoderConfig(), mixture: .uniform,
                                            policy: ExtrapolationPolicy(), evaluation: CostWeights(), seed: 5)
        let metrics = try simulation.playToEnd()
        XCTAssertEqual(metrics.naiveRMSE, 0.1, accuracy: 1e-12)
        XCTAssertEqual(metrics.meanClientRMSE, 0.1 / Double(rounds).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(metrics.worstClientRMSE, 0.1 / Double(rounds).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(metrics.mixtureRMSE, 0.1 / Double(rounds).squareRoot(), accuracy: 1e-12)
    }
}
