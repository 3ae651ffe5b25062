/// The local discounted-ridge update (`greedy`, FedMOE's client update; the module README, "Time-series
/// prediction"): β_i,t = argmin_β Σ_s e^{−α (t−1−s)} |y_s+1 − Yhat_i,s − Z_i,s β|² + γ |β|² over the last T
/// rounds s = max(0, t−T) … t−1, i.e. β = (Σ c_s Zᵀ Z + γ I)⁻¹ Σ c_s Zᵀ (y_s+1 − Yhat_i,s).
public struct GreedyConfig: Sendable, Equatable {
    /// T, the local ridge window.
    public var window: Int
    public var alpha: Double
    public var gamma: Double

    public init(window: Int = 2, alpha: Double = 0.001, gamma: Double = 10) {
        self.window = window
        self.alpha = alpha
        self.gamma = gamma
    }
}

/// One time-series policy of the module README, "Time-series prediction" with all its settings.
public struct ForecastPolicyConfig: Sendable, Equatable {
    /// The solver.
    public enum Kind: String, Sendable, CaseIterable {
        case greedy
        case replayOnly = "replay-only"
        case nashN = "nash-n"
        case memoa
        /// Every client forecasts the last observation, Ŷ_i,t+1 = y_t (the persistence baseline as a policy).
        case persistence
    }

    /// Where a client's new prediction starts (the module README, "Anchors").
    public enum Anchor: String, Sendable, CaseIterable {
        /// FedMOE's convention: the game's replayed window-end value (`replayReset`) or the client's own
        /// Yhat_i,t; `greedy` fits β to y_s+1 − Yhat_i,s.
        case replay
        /// The last observation: Ŷ_i,t+1 = y_t + Z_i,t β_i,t. `greedy` then fits β to the increments
        /// y_s+1 − y_s; the game policies apply their last window control from y_t.
        case last
    }

    /// What `memoa` minimises (the module README, "The worst-client criterion").
    public enum Criterion: Sendable, Equatable {
        /// Each client minimises its own cost against the consistent mean-field (the default).
        case meanField
        /// The largest client cost over the window, through per-client weights μ on the simplex found by
        /// exponentiated-gradient ascent until the duality gap is below `tolerance` (relative) or
        /// `maxIterations` steps have run.
        case worstClient(tolerance: Double, maxIterations: Int)
    }

    public var kind: Kind
    /// The game window T (T_game).
    public var window: Int
    /// q, κ, λ, γ, α of the window game.
    public var weights: CostWeights
    /// The game is played every `gameEvery` rounds once a full window exists; other rounds use `greedy`.
    public var gameEvery: Int
    /// true (default, FedMOE's convention): the client's prediction is first reset to its replayed
    /// window-end value; false: β is added to the client's own Yhat_i,t.
    public var replayReset: Bool
    /// 0 (default): the window uses the observed Z. > 0: Z is replaced by Monte-Carlo moments (mean and
    /// the second moments the quadratic cost needs) of that many encoder rollouts from the last
    /// synchronized state Z_{t−T−1}.
    public var mcSamples: Int
    /// k: the mean-field is formed from k sampled clients (`memoa`); nil = all N.
    public var sampleSize: Int?
    /// How `memoa` finds its consistent mean-field.
    public var consistency: MemoaSolver.Consistency
    /// The local update: the whole policy for `greedy`, the warm-up before a full window otherwise.
    public var greedy: GreedyConfig
    /// An explicit override of the world's encoders (nil: the world's, shared by every policy).
    public var encoder: EncoderConfig?
    /// Where each new prediction starts (`replay`, the default, or `last`).
    public var anchor: Anchor = .replay
    /// `memoa`'s criterion (`meanField`, the default, or `worstClient`).
    public var criterion: Criterion = .meanField

    public init(kind: Kind, window: Int = 3, weights: CostWeights = CostWeights(), gameEvery: Int = 1,
                replayReset: Bool = true, mcSamples: Int = 0, sampleSize: Int? = nil,
                consistency: MemoaSolver.Consistency = .linearSolve, greedy: GreedyConfig = GreedyConfig()) {
        self.kind = kind
        self.window = window
        self.weights = weights
        self.gameEvery = gameEvery
        self.replayReset = replayReset
        self.mcSamples = mcSamples
        self.sampleSize = sampleSize
        self.consistency = consistency
        self.greedy = greedy
    }

    /// The window-game solver, or nil for `greedy`.
    public var solver: (any WindowGameSolver)? {
        switch kind {
        case .greedy, .persistence: return nil
        case .replayOnly: return ReplayOnlySolver()
        case .nashN: return NashNSolver()
        case .memoa:
            if case let .worstClient(tolerance, maxIterations) = criterion {
                return WorstClientSolver(tolerance: tolerance, maxIterations: maxIterations)
            }
            return MemoaSolver(consistency: consistency)
        }
    }

    /// Whether round t plays the window game: a full window exists (t >= T) and (t − T) is a multiple of
    /// `gameEvery`.
    public func playsGame(atRound t: Int) -> Bool {
        kind != .greedy && kind != .persistence && t >= window && (t - window) % gameEvery == 0
    }

    /// A one-line reason the settings are invalid, or nil.
    public var problem: String? {
        if window < 1 { return "window must be >= 1, got \(window)" }
        if gameEvery < 1 { return "gameEvery must be >= 1, got \(gameEvery)" }
        if greedy.window < 1 { return "greedy window must be >= 1, got \(greedy.window)" }
        if greedy.gamma <= 0 { return "greedy gamma must be > 0, got \(greedy.gamma)" }
        if weights.gamma <= 0 && kind != .greedy && kind != .replayOnly && kind != .persistence { return "gamma must be > 0, got \(weights.gamma)" }
        if kind == .memoa && weights.q == 0 && weights.kappa > 0 {
            return "memoa with q = 0 and kappa > 0 has no unique mean-field; set q > 0"
        }
        if mcSamples < 0 { return "mcSamples must be >= 0, got \(mcSamples)" }
        if let k = sampleSize, k < 1 { return "observation.k must be >= 1, got \(k)" }
        if case .worstClient(let tolerance, let iterations) = criterion {
            if kind != .memoa { return "criterion worstClient is a memoa setting" }
            if weights.q == 0 { return "criterion worstClient needs q > 0, got q = 0" }
            if !(tolerance > 0) || iterations < 1 { return "worstClient needs tolerance > 0 and maxIterations >= 1" }
        }
        return nil
    }
}
