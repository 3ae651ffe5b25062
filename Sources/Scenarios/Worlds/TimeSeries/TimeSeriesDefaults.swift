import Agents

/// Per-world defaults from `Sources/Agents/README.md`, "Datasets and their conventions" (FedMOE's best
/// hyperparameters, 5 ESN clients) and Sources/Agents/README.md, "Time-series prediction" (`memoa`: q = 1, κ
/// = 2, γ = 5 × FedMOE's game γ, T = T_game). The encoders use the "game" row, so every policy of a scenario
/// shares them, and the hard sigmoid everywhere: with tanh (suggested for ETT) Z changes sign between steps
/// and `greedy`, which fits β on Z_{t−1} and applies it to Z_t, diverges on the ETT window.
struct TimeSeriesDefaults: Sendable {
    /// The "no game" row: `greedy`'s window, α, γ.
    var greedy: GreedyConfig
    /// The "game" row's local ridge settings: the warm-up of game policies.
    var warmup: GreedyConfig
    /// T_game.
    var gameWindow: Int
    /// FedMOE's game γ and α.
    var gameGamma: Double, gameAlpha: Double
    /// d_z and σ of the "game" row.
    var latentWidth: Int, sigma: Double
    var activation: EncoderActivation? = nil

    /// The default cost: q = 1, κ = 2, λ = 0, γ = 5 × game γ, α = game α.
    var cost: CostWeights { CostWeights(q: 1, kappa: 2, lambda: 0, gamma: 5 * gameGamma, alpha: gameAlpha) }

    static let logistic = TimeSeriesDefaults(greedy: GreedyConfig(window: 2, alpha: 0.001, gamma: 10),
                                             warmup: GreedyConfig(window: 5, alpha: 0.001, gamma: 10),
                                             gameWindow: 3, gameGamma: 10, gameAlpha: 0.001, latentWidth: 6, sigma: 1.0)
    static let periodic = TimeSeriesDefaults(greedy: GreedyConfig(window: 5, alpha: 0.1, gamma: 10),
                                             warmup: GreedyConfig(window: 2, alpha: 0.001, gamma: 10),
                                             gameWindow: 3, gameGamma: 10, gameAlpha: 0.001, latentWidth: 3, sigma: 1.0)
    static let conceptDrift = TimeSeriesDefaults(greedy: GreedyConfig(window: 2, alpha: 0.1, gamma: 10),
                                                 warmup: GreedyConfig(window: 5, alpha: 0.001, gamma: 1),
                                                 gameWindow: 2, gameGamma: 1, gameAlpha: 0.001, latentWidth: 3, sigma: 0.01)
    static let boc = TimeSeriesDefaults(greedy: GreedyConfig(window: 2, alpha: 0.001, gamma: 10),
                                        warmup: GreedyConfig(window: 5, alpha: 0.001, gamma: 1),
                                        gameWindow: 3, gameGamma: 1, gameAlpha: 0.001, latentWidth: 6, sigma: 0.01)
    static let ett = TimeSeriesDefaults(greedy: GreedyConfig(window: 2, alpha: 5.0, gamma: 1),
                                        warmup: GreedyConfig(window: 2, alpha: 5.0, gamma: 1),
                                        gameWindow: 2, gameGamma: 1, gameAlpha: 5.0, latentWidth: 1, sigma: 1.0)
}
