import Engine

/// The client ("forecaster") role of a time-series world: how every client issues its prediction
/// Yhat_i,t+1 of y_t+1 in phase 3 of round t (``ForecastSimulation``; the module README, "Time-series
/// prediction"). Each policy family is one type that owns its step and describes itself, so the scenario
/// readers and `sim list policies` are built from the types (``DescribedPolicy``) and no policy name is written twice:
/// ``GreedyPolicy``, ``ReplayOnlyPolicy``, ``NashNPolicy``, ``MemoaPolicy``, ``PersistencePolicy``.
public protocol ForecastPolicy: DescribedPolicy, Sendable, Encodable {
    /// An explicit override of the world's encoders (nil: the world's, shared by every policy).
    var encoder: EncoderConfig? { get }
    /// The rounds of history the policy reads back.
    var lookBack: ForecastLookBack { get }
    /// k: on game rounds the server samples k of the N clients to form the mean-field (nil: no sample).
    var sampleSize: Int? { get }
    /// Whether round t plays a window game.
    func playsGame(atRound t: Int) -> Bool
    /// Phase 3 of round t: sets every client's next prediction and control in `simulation` and counts
    /// the round's extra messages.
    /// - Returns: the `policyStep` trace fields.
    /// - Throws: ``LinearAlgebraError`` when a solver meets a singular system.
    func step(_ simulation: inout ForecastSimulation, round t: Int) throws -> [(String, Double)]
    /// What the other clients keep while one deviates, for ``ForecastExploitability``.
    var strategies: ForecastStrategies { get }
    /// A one-line reason the settings are invalid, or nil.
    var problem: String? { get }
}

extension ForecastPolicy {
    /// The scenario's `kind` of the family.
    public static var kind: String { family.kind }
    /// One line for `sim list policies`.
    public static var summary: String { family.summary }
    public var sampleSize: Int? { nil }
    public func playsGame(atRound t: Int) -> Bool { false }
    /// The family's scenario `kind`.
    public var kind: String { Self.kind }
}

/// Where a client's new prediction starts (the module README, "Anchors").
public enum ForecastAnchor: String, Sendable, CaseIterable, Codable {
    /// FedMOE's convention: the game's replayed window-end value (`replayReset`) or the client's own
    /// Yhat_i,t; `greedy` fits β to y_s+1 − Yhat_i,s.
    case replay
    /// The last observation: Ŷ_i,t+1 = y_t + Z_i,t β_i,t. `greedy` then fits β to the increments
    /// y_s+1 − y_s; the game policies apply their last window control from y_t.
    case last
}

/// How many of the last rounds a policy reads: the depths of the simulation's ``RoundRing``s.
public struct ForecastLookBack: Sendable, Equatable {
    /// Rounds of encodings Z (at least 1).
    public var encodings: Int
    /// Rounds of issued predictions (at least 1).
    public var predictions: Int
    /// Rounds of mixture weights w, nil when the policy never reads them.
    public var weights: Int?

    public init(encodings: Int, predictions: Int, weights: Int?) {
        self.encodings = encodings
        self.predictions = predictions
        self.weights = weights
    }
}

/// The strategies the other clients keep while one client deviates alone (``ForecastExploitability``).
public enum ForecastStrategies: Sendable {
    /// The gap is not defined for this policy, for the reason given.
    case undefined(reason: String)
    /// The controls the policy actually applied over the last `window` rounds, replayed in the window
    /// game with `weights` (an open-loop profile, measured on every round t ≥ T).
    case appliedControls(window: Int, weights: CostWeights, anchor: ForecastAnchor)
    /// The open-loop controls `solver` plays in the window game, measured on the game rounds.
    case windowControls(WindowGameSettings, any WindowGameSolver)
    /// The feedback laws of ``NashNSolver`` on the stacked state, measured on the game rounds.
    case feedbackLaws(WindowGameSettings)
}

extension ForecastStrategies {
    /// T of the window games measured, 0 when the gap is not defined.
    public var window: Int {
        switch self {
        case .undefined: return 0
        case .appliedControls(let window, _, _): return window
        case .windowControls(let game, _), .feedbackLaws(let game): return game.window
        }
    }
}
