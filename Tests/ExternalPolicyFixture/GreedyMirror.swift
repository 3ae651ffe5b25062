import Foundation

/// The built-in `greedy` client update (window T = 2, α = 0.001, γ = 10, anchor replay) in plain scalar
/// code, one client at a time, in the built-in's order of operations, so that its numbers are the
/// built-in's bit for bit: β_i,t = (Σ_s c_s Z_i,sᵀ Z_i,s + γ I)⁻¹ Σ_s c_s Z_i,sᵀ (y_s+1 − Yhat_i,s) over
/// s = max(0, t − T) … t − 1 with c_s = e^{−α (t−1−s)}, by a Cholesky factorization; then
/// Yhat_i,t+1 = Yhat_i,t + Z_i,t β_i,t. The history comes from the `forecast` messages of earlier rounds.
struct GreedyMirror {
    let window = 2, alpha = 0.001, gamma = 10.0
    /// Z_s, Yhat_s and y_s of the rounds seen this episode.
    private var z: [Int: [Double]] = [:], predictions: [Int: [Double]] = [:], y: [Int: [Double]] = [:]

    /// Round t's predictions and controls β, flat `[client][dimension]` and `[client][column]`.
    mutating func step(round t: Int, y yt: [Double], z zt: [Double], predictions base: [Double], clients n: Int) -> ([Double], [Double]) {
        if t == 0 { z = [:]; predictions = [:]; y = [:] }
        z[t] = zt
        predictions[t] = base
        y[t] = yt
        for old in [z, predictions, y].flatMap(\.keys) where old < t - window { z[old] = nil; predictions[old] = nil; y[old] = nil }
        let dy = yt.count, dz = zt.count / (n * dy), size = dy * dz
        let first = max(0, t - window)
        var next = [Double](repeating: 0, count: n * dy), beta = [Double](repeating: 0, count: n * dz)
        for i in 0..<n {
            var x = [Double](repeating: 0, count: dz)
            if t >= 1 {
                var a = [Double](repeating: 0, count: dz * dz)
                for d in 0..<dz { a[d * dz + d] = gamma }
                for s in first..<t {
                    let c = exp(-alpha * Double(t - 1 - s)), zs = z[s]!, own = predictions[s]!, target = y[s + 1]!
                    for p in 0..<dz {
                        for r in 0..<dy {
                            let zrp = zs[i * size + r * dz + p]
                            x[p] += c * zrp * (target[r] - own[i * dy + r])
                            for q in 0..<dz { a[p * dz + q] += c * zrp * zs[i * size + r * dz + q] }
                        }
                    }
                }
                x = Self.choleskySolve(a, size: dz, x)
            }
            for p in 0..<dz { beta[i * dz + p] = x[p] }
            for r in 0..<dy {
                var s = 0.0
                for c in 0..<dz { s += zt[i * size + r * dz + c] * x[c] }
                next[i * dy + r] = base[i * dy + r] + s
            }
        }
        return (next, beta)
    }

    /// Solves a x = b for symmetric positive definite a (L Lᵀ, then the two triangular solves).
    static func choleskySolve(_ a: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var l = [Double](repeating: 0, count: n * n), x = b
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var total = a[i * n + j]
                for k in 0..<j { total -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = total / root
            }
        }
        for i in 0..<n {
            var total = x[i]
            for k in 0..<i { total -= l[i * n + k] * x[k] }
            x[i] = total / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var total = x[i]
            for k in (i + 1)..<n { total -= l[k * n + i] * x[k] }
            x[i] = total / l[i * n + i]
        }
        return x
    }
}
