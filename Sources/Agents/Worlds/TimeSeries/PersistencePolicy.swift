/// `persistence`: the persistence baseline as a policy — every client forecasts the last observation,
/// Yhat_i,t+1 = y_t, with β = 0.
public struct PersistencePolicy: ForecastPolicy, Equatable, Codable {
    public static let family = PolicyFamily(kind: "persistence", summary: "every client forecasts the last observation (y_t+1 = y_t)")

    public var encoder: EncoderConfig?

    public init(encoder: EncoderConfig? = nil) { self.encoder = encoder }

    /// Only the scores read back: Z_t−1 for the regret comparator.
    public var lookBack: ForecastLookBack { ForecastLookBack(encodings: 2, predictions: 1, weights: nil) }

    public func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)] {
        simulation.state.nextPredictions = simulation.lastObservation(round: t)
        for c in simulation.state.controls.indices { simulation.state.controls[c] = 0 }
        return [("game", 0)]
    }

    public var strategies: ForecastStrategies {
        .undefined(reason: "persistence issues y_t with no control, so it plays no window game")
    }

    public var problem: String? { nil }
}
