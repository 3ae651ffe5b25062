/// `nash-n`: the centralized N-player feedback Nash equilibrium of the window game.
/// Not scalable — O((N d)³) per step — which is the point of comparing it with `memoa`.
///
/// Stacked state X = (Yhat_1, …, Yhat_N) ∈ R^{N d_y}; X_τ+1 = X_τ + Σ_j B_j β_j with B_j = E_j Z_j,τ.
/// Client i's stage cost is c_τ [X'ᵀ Q_i X' − 2 r_iᵀ X' + γ |β_i|²] + const with, blockwise (j, k),
///   Q_i = [q δ_ij δ_ik + κ (δ_ij − 1/N)(δ_ik − 1/N) + λ w_j w_k] I,   r_i,j = (q δ_ij + λ w_j) y_τ+1,
/// (the κ term uses the true mean m = (1/N) Σ_j Yhat_j, own influence included; w are the mixture weights
/// recorded at that round). Value functions V_i,τ(X) = Xᵀ P_i,τ X + 2 S_i,τᵀ X + const, P_i,T = S_i,T = 0.
/// With Q̃_i = c_τ Q_i + P_i,τ+1 and r̃_i = c_τ r_i − S_i,τ+1, client i's first-order condition is
///   B_iᵀ (Q̃_i X' − r̃_i) + c_τ γ β_i = 0;
/// stacked over i they form one linear system K β = −L X + h in the N d_z unknowns,
///   K_ij = Z_iᵀ Q̃_i[i, j] Z_j + δ_ij c_τ γ I,  L_i = Z_iᵀ Q̃_i[i, ·],  h_i = Z_iᵀ r̃_i[i],
/// so β_τ = G_τ X + H_τ with G = −K⁻¹ L, H = K⁻¹ h (K is not symmetric: LU). With F = I + B G, f = B H:
///   P_i,τ = Fᵀ Q̃_i F + c_τ γ G_iᵀ G_i,   S_i,τ = Fᵀ Q̃_i f − Fᵀ r̃_i + c_τ γ G_iᵀ H_i.
/// FedMOE's game is the special case q = κ = 0, λ = 1.
///
/// With Monte-Carlo samples of Z the encodings are the sample means B̄ and each client's expected cost
/// adds C_i = avg_k B_kᵀ Q̃_i B_k − B̄ᵀ Q̃_i B̄ (joint samples over clients): K's rows of client i gain
/// C_i's, P_i gains Gᵀ C_i G and S_i gains Gᵀ C_i H. Without samples C_i = 0.
public struct NashNSolver: WindowGameSolver {
    public init() {}

    /// The equilibrium feedback laws β_τ = G_τ X_τ + H_τ, τ = 0 … T−1.
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` when the stacked conditions have no unique solution.
    /// - Complexity: O(T · (N d_z)³ + T · N · (N d_y)³).
    public func feedbackLaws(_ game: WindowGame) throws -> [(gain: Matrix, offset: [Double])] {
        let dimX = game.clients * game.targetDimension
        var p = Array(repeating: Matrix(rows: dimX, columns: dimX), count: game.clients)
        var s = Array(repeating: [Double](repeating: 0, count: dimX), count: game.clients)
        var laws = [(gain: Matrix, offset: [Double])]()
        for tau in stride(from: game.window - 1, through: 0, by: -1) {
            let z = (0..<game.clients).map { game.encoding(client: $0, step: tau) }
            let (qt, rt) = costToGo(game, step: tau, p: p, s: s)
            var (k, l, h) = stackedConditions(game, z: z, qt: qt, rt: rt, step: tau)
            let corrections = covarianceCorrections(game, z: z, qt: qt, step: tau)
            if let corrections { addOwnRows(of: corrections, to: &k, game: game) }
            let lu = try LUFactorization(k)
            let gain = -1 * lu.solve(l), offset = lu.solve(h)
            (p, s) = updatedValues(game, z: z, qt: qt, rt: rt, gain: gain, offset: offset, step: tau)
            if let corrections {
                for i in 0..<game.clients {
                    p[i] = p[i] + Matrix.transposeTimes(gain, corrections[i] * gain)
                    let extra = gain.transposed * (corrections[i] * offset)
                    for r in s[i].indices { s[i][r] += extra[r] }
                }
            }
            laws.append((gain, offset))
        }
        return laws.reversed()
    }

    /// Q̃_i = c_τ Q_i + P_i,τ+1 and r̃_i = c_τ r_i − S_i,τ+1 for every client i.
    private func costToGo(_ game: WindowGame, step tau: Int, p: [Matrix], s: [[Double]]) -> ([Matrix], [[Double]]) {
        let n = game.clients, dy = game.targetDimension, w = game.weights
        let c = w.discount(step: tau, window: game.window)
        let y = game.targets[tau + 1], mix = game.mixtureWeights[tau]
        var qt = p, rt = s
        for i in 0..<n {
            for j in 0..<n {
                let dij = i == j ? 1.0 : 0
                for k in 0..<n {
                    let dik = i == k ? 1.0 : 0
                    let coef = w.q * dij * dik + w.kappa * (dij - 1 / Double(n)) * (dik - 1 / Double(n))
                        + w.lambda * mix[j] * mix[k]
                    if coef == 0 { continue }
                    for d in 0..<dy { qt[i][j * dy + d, k * dy + d] += c * coef }
                }
                let lin = w.q * dij + w.lambda * mix[j]
                for d in 0..<dy { rt[i][j * dy + d] = c * lin * y[d] - s[i][j * dy + d] }
            }
        }
        return (qt, rt)
    }

    /// C_i = avg_k B_kᵀ Q̃_i B_k − B̄ᵀ Q̃_i B̄ for every client (nil without Monte-Carlo samples).
    private func covarianceCorrections(_ game: WindowGame, z: [Matrix], qt: [Matrix], step tau: Int) -> [Matrix]? {
        guard game.encodingSamples != nil else { return nil }
        let n = game.clients, dy = game.targetDimension, dz = game.latentWidth
        let draws = (0..<n).map { game.encodingSamples(client: $0, step: tau)! }
        let count = Double(draws[0].count)
        return (0..<n).map { i in
            var c = Matrix(rows: n * dz, columns: n * dz)
            for a in 0..<n {
                for b in 0..<n {
                    var block = Matrix(rows: dy, columns: dy)
                    for d in 0..<dy { for e in 0..<dy { block[d, e] = qt[i][a * dy + d, b * dy + e] } }
                    if block.maxAbs == 0 { continue }
                    var second = Matrix(rows: dz, columns: dz)
                    for k in 0..<draws[0].count { second = second + Matrix.transposeTimes(draws[a][k], block * draws[b][k]) }
                    let diff = (1 / count) * second - Matrix.transposeTimes(z[a], block * z[b])
                    for u in 0..<dz { for v in 0..<dz { c[a * dz + u, b * dz + v] = diff[u, v] } }
                }
            }
            return c
        }
    }

    /// Adds client i's rows of C_i to K's rows of client i.
    private func addOwnRows(of corrections: [Matrix], to k: inout Matrix, game: WindowGame) {
        let dz = game.latentWidth
        for i in 0..<game.clients {
            for a in 0..<dz { for col in 0..<k.columns { k[i * dz + a, col] += corrections[i][i * dz + a, col] } }
        }
    }

    /// The stacked first-order conditions K β = −L X + h of all clients at one step.
    private func stackedConditions(_ game: WindowGame, z: [Matrix], qt: [Matrix], rt: [[Double]], step tau: Int)
        -> (Matrix, Matrix, [Double]) {
        let n = game.clients, dy = game.targetDimension, dz = game.latentWidth, dimX = n * dy
        let cGamma = game.weights.discount(step: tau, window: game.window) * game.weights.gamma
        var kMat = Matrix(rows: n * dz, columns: n * dz)
        var lMat = Matrix(rows: n * dz, columns: dimX)
        var h = [Double](repeating: 0, count: n * dz)
        for i in 0..<n {
            var rowsI = Matrix(rows: dy, columns: dimX)                // client i's rows of Q̃_i
            for d in 0..<dy { for col in 0..<dimX { rowsI[d, col] = qt[i][i * dy + d, col] } }
            let li = Matrix.transposeTimes(z[i], rowsI)                 // d_z × dimX
            for a in 0..<dz { for col in 0..<dimX { lMat[i * dz + a, col] = li[a, col] } }
            for j in 0..<n {
                var block = Matrix(rows: dz, columns: dy)
                for a in 0..<dz { for d in 0..<dy { block[a, d] = li[a, j * dy + d] } }
                let kij = block * z[j]
                for a in 0..<dz { for b in 0..<dz { kMat[i * dz + a, j * dz + b] = kij[a, b] } }
            }
            for a in 0..<dz {
                kMat[i * dz + a, i * dz + a] += cGamma
                for d in 0..<dy { h[i * dz + a] += z[i][d, a] * rt[i][i * dy + d] }
            }
        }
        return (kMat, lMat, h)
    }

    /// P_i,τ and S_i,τ from the closed loop F = I + B G, f = B H.
    private func updatedValues(_ game: WindowGame, z: [Matrix], qt: [Matrix], rt: [[Double]], gain: Matrix,
                               offset: [Double], step tau: Int) -> ([Matrix], [[Double]]) {
        let n = game.clients, dy = game.targetDimension, dz = game.latentWidth, dimX = n * dy
        let cGamma = game.weights.discount(step: tau, window: game.window) * game.weights.gamma
        var f = Matrix.identity(dimX)
        var fOffset = [Double](repeating: 0, count: dimX)
        for i in 0..<n {
            for d in 0..<dy {
                for a in 0..<dz where z[i][d, a] != 0 {
                    let zda = z[i][d, a]
                    for col in 0..<dimX { f[i * dy + d, col] += zda * gain[i * dz + a, col] }
                    fOffset[i * dy + d] += zda * offset[i * dz + a]
                }
            }
        }
        var p: [Matrix] = [], s: [[Double]] = []
        for i in 0..<n {
            var gi = Matrix(rows: dz, columns: dimX)
            for a in 0..<dz { for col in 0..<dimX { gi[a, col] = gain[i * dz + a, col] } }
            let hi = Array(offset[(i * dz)..<((i + 1) * dz)])
            p.append(Matrix.transposeTimes(f, qt[i] * f) + cGamma * Matrix.transposeTimes(gi, gi))
            let a1 = f.transposed * (qt[i] * fOffset), a2 = f.transposed * rt[i], a3 = gi.transposed * hi
            s.append((0..<dimX).map { a1[$0] - a2[$0] + cGamma * a3[$0] })
        }
        return (p, s)
    }

    /// Plays given feedback laws from the replay start; client `deviator` adds `deviation[τ]` (length d_z)
    /// to its equilibrium control — used to check unilateral first-order conditions.
    public func play(_ game: WindowGame, laws: [(gain: Matrix, offset: [Double])],
                     deviator: Int? = nil, deviation: [[Double]]? = nil) -> WindowSolution {
        var states = [game.initialState], controls: [[Double]] = []
        let dz = game.latentWidth
        for tau in 0..<game.window {
            var beta = laws[tau].gain * states[tau]
            for r in beta.indices { beta[r] += laws[tau].offset[r] }
            if let i = deviator, let dev = deviation {
                for c in 0..<dz { beta[i * dz + c] += dev[tau][c] }
            }
            controls.append(beta)
            states.append(game.advance(states[tau], beta, step: tau))
        }
        return WindowSolution(controls: controls, states: states)
    }

    public func solve(_ game: WindowGame, sample: [Int]?) throws -> WindowSolution {
        play(game, laws: try feedbackLaws(game))
    }
}
