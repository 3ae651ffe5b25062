import Foundation

/// The weights of the one cost family of the module README, "Time-series prediction":
///
/// J_i = Σ_t e^{−α (T−1−t)} [ q |Yhat_i,t+1 − y_t+1|² + κ |Yhat_i,t+1 − m_t+1|²
///                            + λ |w_tᵀ Yhat_t+1 − y_t+1|² + γ |β_i,t|² ]
///
/// q = own error (the worst-client term), κ = coupling to the mean-field m, λ = error of the server
/// mixture (FedMOE's game is q = κ = 0, λ = 1), γ = control penalty, α = discount rate.
public struct CostWeights: Sendable, Equatable, Codable {
    public var q: Double
    public var kappa: Double
    public var lambda: Double
    public var gamma: Double
    public var alpha: Double

    public init(q: Double = 1, kappa: Double = 2, lambda: Double = 0, gamma: Double = 50, alpha: Double = 0.001) {
        self.q = q
        self.kappa = kappa
        self.lambda = lambda
        self.gamma = gamma
        self.alpha = alpha
    }

    /// FedMOE's game: q = κ = 0, λ = 1.
    public static func fedmoe(gamma: Double, alpha: Double) -> CostWeights {
        CostWeights(q: 0, kappa: 0, lambda: 1, gamma: gamma, alpha: alpha)
    }

    /// The discount e^{−α (T−1−τ)} of window step τ.
    public func discount(step tau: Int, window: Int) -> Double { exp(-alpha * Double(window - 1 - tau)) }
}
