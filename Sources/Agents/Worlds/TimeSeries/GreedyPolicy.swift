/// `greedy`: FedMOE's local update and no game — every round each client refits its discounted ridge
/// correction β_i,t (``GreedyConfig``) and issues Yhat_i,t+1 = Yhat_i,t + Z_i,t β_i,t (or y_t + Z_i,t β_i,t
/// with `anchor: last`).
public struct GreedyPolicy: ForecastPolicy, Equatable, Codable {
    public static let family = PolicyFamily(kind: "greedy", summary: "FedMOE's local discounted-ridge update, no game")

    /// The ridge window, α and γ.
    public var update: GreedyConfig
    /// Where each new prediction starts.
    public var anchor: ForecastAnchor
    public var encoder: EncoderConfig?
    /// T and the weights of the window game in which ``ForecastExploitability`` measures the policy's
    /// gap (the world's game window and cost; the policy itself plays no game).
    public var measuredWindow: Int
    public var measuredWeights: CostWeights

    public init(update: GreedyConfig = GreedyConfig(), anchor: ForecastAnchor = .replay, encoder: EncoderConfig? = nil,
                measuredWindow: Int = 3, measuredWeights: CostWeights = CostWeights()) {
        self.update = update
        self.anchor = anchor
        self.encoder = encoder
        self.measuredWindow = measuredWindow
        self.measuredWeights = measuredWeights
    }

    /// The ridge reads rounds t−T … t.
    public var lookBack: ForecastLookBack {
        ForecastLookBack(encodings: update.window + 1, predictions: update.window + 1, weights: nil)
    }

    public func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)] {
        try update.update(&simulation, round: t, anchor: anchor)
        return [("game", 0)]
    }

    public var strategies: ForecastStrategies {
        .appliedControls(window: measuredWindow, weights: measuredWeights, anchor: anchor)
    }

    public var problem: String? {
        if measuredWindow < 1 { return "window must be >= 1, got \(measuredWindow)" }
        return update.problem(prefix: "greedy ")
    }
}

extension GreedyConfig {
    /// A one-line reason the settings are invalid, or nil; `prefix` names the update in the message.
    func problem(prefix: String) -> String? {
        if window < 1 { return "\(prefix)window must be >= 1, got \(window)" }
        if gamma <= 0 { return "\(prefix)gamma must be > 0, got \(gamma)" }
        return nil
    }
}
