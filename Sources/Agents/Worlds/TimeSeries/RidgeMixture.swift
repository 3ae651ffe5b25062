/// FedMOE's server rule:
/// w_t = argmin_w |y_t − Yhat_t w|² + κ_S |w|² subject to 1ᵀ w = η, where Yhat_t is d_y × N.
///
/// Closed form: M = 2 (Yhatᵀ Yhat + κ_S I), b = 2 Yhatᵀ y_t, λ = (1ᵀ M⁻¹ b − η) / (1ᵀ M⁻¹ 1),
/// w = M⁻¹ (b − λ 1). Weights sum to η and may be negative.
///
/// M is N × N but Yhatᵀ Yhat has rank ≤ d_y, so M⁻¹ v is applied through the Woodbury identity
/// (Yhatᵀ Yhat + κ_S I)⁻¹ = (1/κ_S) (I − Yhatᵀ (κ_S I + Yhat Yhatᵀ)⁻¹ Yhat): O(N d_y²) per step instead
/// of O(N³), which keeps N = 1000 clients cheap.
/// Accuracy: the d_y × d_y system is SPD with eigenvalues ≥ κ_S; error about κ(·)·ε.
/// - Precondition: κ_S > 0.
public struct RidgeMixture: MixtureRule {
    public static let family = PolicyFamily(kind: "ridge", summary: "FedMOE's constrained ridge: weights summing to eta, penalty kappaS")
    public var kappaS: Double
    public var eta: Double

    public init(kappaS: Double = 1, eta: Double = 1) {
        precondition(kappaS > 0, "ridge mixture needs kappaS > 0, got \(kappaS)")
        self.kappaS = kappaS
        self.eta = eta
    }

    public func update(predictions: [Double], target: [Double], weights: inout [Double], memory: inout [Double]) {
        weights = Self.weights(predictions: predictions, target: target, kappaS: kappaS, eta: eta)
    }

    /// The closed-form weights for predictions flat `[client][dimension]`.
    /// - Complexity: O(N d_y² + d_y³).
    public static func weights(predictions: [Double], target y: [Double], kappaS: Double, eta: Double) -> [Double] {
        let dy = y.count, n = predictions.count / dy
        // Yhat is d_y × N with column i = client i's prediction: Yhat[d, i] = predictions[i * dy + d].
        var small = Matrix.identity(dy)
        for d in 0..<dy { small[d, d] = kappaS }
        for a in 0..<dy {
            for b in 0..<dy {
                var s = 0.0
                for i in 0..<n { s += predictions[i * dy + a] * predictions[i * dy + b] }
                small[a, b] += s
            }
        }
        // κ_S I + Yhat Yhatᵀ is SPD with eigenvalues ≥ κ_S > 0, so this fails only when a prediction is
        // not finite; the weights are then uniform (η/N each) and the non-finite metric is reported.
        guard let factor = try? CholeskyFactorization(small) else { return [Double](repeating: eta / Double(n), count: n) }
        // (Yhatᵀ Yhat + κ_S I)⁻¹ v = (v − Yhatᵀ S⁻¹ Yhat v) / κ_S.
        func applyInverse(_ v: [Double]) -> [Double] {
            var yv = [Double](repeating: 0, count: dy)
            for i in 0..<n { for d in 0..<dy { yv[d] += predictions[i * dy + d] * v[i] } }
            let s = factor.solve(yv)
            var out = v
            for i in 0..<n {
                var c = 0.0
                for d in 0..<dy { c += predictions[i * dy + d] * s[d] }
                out[i] = (out[i] - c) / kappaS
            }
            return out
        }
        // M = 2 (Yhatᵀ Yhat + κ_S I), b = 2 Yhatᵀ y, so M⁻¹ b = (Yhatᵀ Yhat + κ_S I)⁻¹ Yhatᵀ y.
        var yTy = [Double](repeating: 0, count: n)
        for i in 0..<n { for d in 0..<dy { yTy[i] += predictions[i * dy + d] * y[d] } }
        let mInvB = applyInverse(yTy)
        let mInvOne = applyInverse([Double](repeating: 1, count: n)).map { $0 / 2 }
        let lambda = (mInvB.reduce(0, +) - eta) / mInvOne.reduce(0, +)
        return (0..<n).map { mInvB[$0] - lambda * mInvOne[$0] }
    }
}
