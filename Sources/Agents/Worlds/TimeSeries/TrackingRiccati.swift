/// The single-client tracking LQ problem behind `memoa`:
///
/// minimize Σ_τ c_τ [ w |Y_τ+1 − r_τ+1|² + γ |β_τ|² ],  Y_τ+1 = Y_τ + Z_τ β_τ,  c_τ = e^{−α (T−1−τ)},
///
/// with state Y ∈ R^{d_y}, control β ∈ R^{d_z}. Value function V_τ(Y) = Yᵀ P_τ Y + 2 S_τᵀ Y + const,
/// P_T = 0, S_T = 0. With Q̃ = c_τ w I + P_τ+1 and r̃ = c_τ w r_τ+1 − S_τ+1 the first-order condition
/// Zᵀ (Q̃ Y' − r̃) + c_τ γ β = 0 gives β = G Y + H with
///   K = Zᵀ Q̃ Z + c_τ γ I,  G = −K⁻¹ Zᵀ Q̃,  H = K⁻¹ Zᵀ r̃,
/// and with F = I + Z G, f = Z H the backward (Riccati) recursion
///   P_τ = Fᵀ Q̃ F + c_τ γ Gᵀ G,   S_τ = Fᵀ Q̃ f − Fᵀ r̃ + c_τ γ Gᵀ H.
///
/// With Monte-Carlo samples of Z (`mcSamples`), `encodings` are the sample means Z̄ and the expected cost
/// adds the covariance term C = avg_k Z_kᵀ Q̃ Z_k − Z̄ᵀ Q̃ Z̄: K = Z̄ᵀ Q̃ Z̄ + C + c_τ γ I,
/// P_τ = F̄ᵀ Q̃ F̄ + Gᵀ C G + c_τ γ Gᵀ G and S_τ gains Gᵀ C H (F̄ = I + Z̄ G); with no samples C = 0.
///
/// P and G do not depend on the reference r, so a ``TrackingRiccati`` stores them once and
/// ``response(start:reference:)`` costs O(T d_y d_z) more per reference — which makes the consistent
/// mean-field of `memoa` a cheap linear solve (the response is affine in r).
/// - Precondition: γ > 0 (K is then SPD) and w ≥ 0.
public struct TrackingRiccati: Sendable {
    public let window: Int
    public let targetDimension: Int
    public let latentWidth: Int
    /// Tracking weight w, control weight γ.
    public let trackingWeight: Double, controlWeight: Double
    /// c_τ.
    public let discounts: [Double]
    public let encodings: [Matrix]
    /// P_τ for τ = 0 … T (P_T = 0).
    public private(set) var valueMatrices: [Matrix]
    /// G_τ for τ = 0 … T−1.
    public private(set) var feedbackGains: [Matrix]
    private var factors: [CholeskyFactorization] = []
    private var qTilde: [Matrix] = []
    private var closedLoop: [Matrix] = []
    private var corrections: [Matrix?] = []

    /// Runs the reference-independent backward pass.
    /// - Throws: ``LinearAlgebraError`` when K is not positive definite (γ ≤ 0 with a degenerate Z).
    /// - Complexity: O(T (d_z³ + d_y² d_z + d_y³)).
    /// - Parameter samples: per step, Monte-Carlo samples of Z whose mean is `encodings[τ]` (nil: Z known).
    public init(encodings: [Matrix], samples: [[Matrix]]? = nil, trackingWeight: Double, controlWeight: Double,
                discounts: [Double]) throws {
        precondition(!encodings.isEmpty && discounts.count == encodings.count, "TrackingRiccati: window mismatch")
        window = encodings.count
        targetDimension = encodings[0].rows
        latentWidth = encodings[0].columns
        self.trackingWeight = trackingWeight
        self.controlWeight = controlWeight
        self.discounts = discounts
        self.encodings = encodings
        let dy = targetDimension
        var p = Array(repeating: Matrix(rows: dy, columns: dy), count: window + 1)
        var gains = Array(repeating: Matrix(rows: latentWidth, columns: dy), count: window)
        var facs = [CholeskyFactorization?](repeating: nil, count: window)
        var qts = Array(repeating: Matrix(rows: dy, columns: dy), count: window)
        var fs = Array(repeating: Matrix(rows: dy, columns: dy), count: window)
        var cs = [Matrix?](repeating: nil, count: window)
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], z = encodings[tau]
            var qt = p[tau + 1]
            qt.addToDiagonal(c * trackingWeight)
            let ztq = Matrix.transposeTimes(z, qt)                 // d_z × d_y
            var k = ztq * z
            if let draws = samples?[tau] {
                var second = Matrix(rows: latentWidth, columns: latentWidth)
                for zk in draws { second = second + Matrix.transposeTimes(zk, qt * zk) }
                let correction = (1 / Double(draws.count)) * second - k
                k = k + correction
                cs[tau] = correction
            }
            k.addToDiagonal(c * controlWeight)
            let factor = try CholeskyFactorization(k)
            let g = -1 * factor.solve(ztq)                        // d_z × d_y
            var f = z * g
            f.addToDiagonal(1)
            p[tau] = Matrix.transposeTimes(f, qt * f) + (c * controlWeight) * Matrix.transposeTimes(g, g)
            if let correction = cs[tau] { p[tau] = p[tau] + Matrix.transposeTimes(g, correction * g) }
            gains[tau] = g
            facs[tau] = factor
            qts[tau] = qt
            fs[tau] = f
        }
        valueMatrices = p
        feedbackGains = gains
        factors = facs.map { $0! }
        qTilde = qts
        closedLoop = fs
        corrections = cs
    }

    /// The optimal trajectory from `start` tracking `reference[τ]` = r_τ+1 (τ = 0 … T−1).
    /// - Returns: controls β_0 … β_{T−1} and states Y_0 … Y_T.
    /// - Complexity: O(T (d_z² + d_y d_z + d_y²)).
    public func response(start: [Double], reference: [[Double]]) -> (controls: [[Double]], states: [[Double]]) {
        precondition(reference.count == window, "TrackingRiccati: \(reference.count) references for window \(window)")
        var s = [Double](repeating: 0, count: targetDimension)
        var offsets = Array(repeating: [Double](), count: window)
        for tau in stride(from: window - 1, through: 0, by: -1) {
            let c = discounts[tau], z = encodings[tau]
            var rt = [Double](repeating: 0, count: targetDimension)
            for d in 0..<targetDimension { rt[d] = c * trackingWeight * reference[tau][d] - s[d] }
            let h = factors[tau].solve(z.transposed * rt)
            offsets[tau] = h
            let f = closedLoop[tau], g = feedbackGains[tau]
            let qf = qTilde[tau] * (z * h)
            let term1 = f.transposed * qf, term2 = f.transposed * rt, term3 = g.transposed * h
            for d in 0..<targetDimension { s[d] = term1[d] - term2[d] + c * controlWeight * term3[d] }
            if let correction = corrections[tau] {
                let extra = g.transposed * (correction * h)
                for d in 0..<targetDimension { s[d] += extra[d] }
            }
        }
        var states = [start], controls: [[Double]] = []
        for tau in 0..<window {
            let g = feedbackGains[tau] * states[tau]
            let beta = (0..<latentWidth).map { g[$0] + offsets[tau][$0] }
            let move = encodings[tau] * beta
            controls.append(beta)
            states.append((0..<targetDimension).map { states[tau][$0] + move[$0] })
        }
        return (controls, states)
    }

    /// The cost Σ c_τ [w |Y_τ+1 − r_τ+1|² + γ |β_τ|²] of a trajectory.
    public func cost(controls: [[Double]], states: [[Double]], reference: [[Double]]) -> Double {
        var total = 0.0
        for tau in 0..<window {
            var stage = 0.0
            for d in 0..<targetDimension {
                let e = states[tau + 1][d] - reference[tau][d]
                stage += trackingWeight * e * e
            }
            for c in 0..<latentWidth { stage += controlWeight * controls[tau][c] * controls[tau][c] }
            total += discounts[tau] * stage
        }
        return total
    }
}
