/// The settings every window-game policy shares (`replay-only`, `nash-n`, `memoa`; the module README,
/// "Time-series prediction"): at round t ≥ T the game over rounds t−T … t−1 is played every `gameEvery`
/// rounds; before a full window and between games the clients use the local `warmup` update.
public struct WindowGameSettings: Sendable, Equatable, Codable {
    /// The game window T (T_game).
    public var window: Int
    /// q, κ, λ, γ, α of the window game.
    public var weights: CostWeights
    /// The game is played every `gameEvery` rounds once a full window exists; other rounds use `warmup`.
    public var gameEvery: Int
    /// true (default, FedMOE's convention): the client's prediction is first reset to its replayed
    /// window-end value; false: β is added to the client's own Yhat_i,t.
    public var replayReset: Bool
    /// 0 (default): the window uses the observed Z. > 0: Z is replaced by Monte-Carlo moments (mean and
    /// the second moments the quadratic cost needs) of that many encoder rollouts from the last
    /// synchronized state Z_{t−T−1}.
    public var mcSamples: Int
    /// The local update before a full window and between games.
    public var warmup: GreedyConfig
    /// Where each new prediction starts (`replay`, the default, or `last`).
    public var anchor: ForecastAnchor
    /// An explicit override of the world's encoders (nil: the world's).
    public var encoder: EncoderConfig?

    public init(window: Int = 3, weights: CostWeights = CostWeights(), gameEvery: Int = 1, replayReset: Bool = true,
                mcSamples: Int = 0, warmup: GreedyConfig = GreedyConfig(), anchor: ForecastAnchor = .replay,
                encoder: EncoderConfig? = nil) {
        self.window = window
        self.weights = weights
        self.gameEvery = gameEvery
        self.replayReset = replayReset
        self.mcSamples = mcSamples
        self.warmup = warmup
        self.anchor = anchor
        self.encoder = encoder
    }

    /// Whether round t plays the window game: a full window exists (t ≥ T) and (t − T) is a multiple of
    /// `gameEvery`.
    public func plays(atRound t: Int) -> Bool { t >= window && (t - window) % gameEvery == 0 }

    /// The warm-up reads rounds t−T_g … t, the game rounds t−T−1 … t (Monte-Carlo starts at Z_{t−T−1})
    /// and the weights of the window's T rounds.
    public var lookBack: ForecastLookBack {
        ForecastLookBack(encodings: max(warmup.window + 1, window + 2), predictions: warmup.window + 1, weights: window)
    }

    /// A one-line reason the settings are invalid, or nil; `requiresGamma`: the game's best responses
    /// need γ > 0.
    func problem(requiresGamma: Bool) -> String? {
        if window < 1 { return "window must be >= 1, got \(window)" }
        if gameEvery < 1 { return "gameEvery must be >= 1, got \(gameEvery)" }
        if let problem = warmup.problem(prefix: "greedy ") { return problem }
        if requiresGamma && weights.gamma <= 0 { return "gamma must be > 0, got \(weights.gamma)" }
        if mcSamples < 0 { return "mcSamples must be >= 0, got \(mcSamples)" }
        return nil
    }
}
