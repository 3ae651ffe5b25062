import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Mean-field helpers of L-LEARN: stationary
/// distributions of small chains and the multinomial law of count vectors.
public enum MeanField {
    /// A stationary distribution of the row-stochastic `matrix` (`size` × `size`), by power iteration
    /// on the lazy chain (P + I)/2 from the uniform vector — the same stationary points as P, and it
    /// cannot oscillate on periodic chains.
    ///
    /// Edge cases: a reducible chain yields the stationary law reached from the uniform start.
    /// Accuracy: stops when the L1 change of one step is below `tol` (default 1e-14) or after
    /// `maxIterations` steps.
    public static func stationary(_ matrix: [Double], size: Int, tol: Double = 1e-14,
                                  maxIterations: Int = 100_000) -> [Double] {
        precondition(matrix.count == size * size, "stationary: \(matrix.count) entries for size \(size)")
        var mu = [Double](repeating: 1.0 / Double(size), count: size)
        var next = mu
        for _ in 0..<maxIterations {
            for j in 0..<size { next[j] = 0.5 * mu[j] }
            for i in 0..<size where mu[i] != 0 {
                let half = 0.5 * mu[i]
                for j in 0..<size { next[j] += half * matrix[i * size + j] }
            }
            let total = next.reduce(0, +)
            var change = 0.0
            for j in 0..<size {
                next[j] /= total
                change += abs(next[j] - mu[j])
            }
            swap(&mu, &next)
            if change < tol { break }
        }
        return mu
    }

    /// Multinomial(k, mu) probabilities of every count vector of `space`, indexed by rank:
    /// k! / Π_j c_j! · Π_j mu_j^{c_j}, evaluated in log space with `lgamma`.
    ///
    /// Edge cases: mu_j = 0 gives probability 0 to every vector with c_j > 0 (and 0^0 = 1).
    /// Accuracy: each entry to a few ulps times k (lgamma's error); the total is 1 within ~1e-12.
    public static func multinomial(_ mu: [Double], space: CountVectorSpace) -> [Double] {
        precondition(mu.count == space.states, "multinomial: \(mu.count) probabilities for \(space.states) states")
        var result = [Double](repeating: 0, count: space.count)
        var counts = [Int](repeating: 0, count: space.states)
        let logMu = mu.map { $0 > 0 ? Foundation.log($0) : -Double.infinity }
        let logK = logGamma(Double(space.k + 1))
        for r in 0..<space.count {
            space.unrank(r, into: &counts)
            var log = logK
            for j in 0..<space.states where counts[j] > 0 {
                log += Double(counts[j]) * logMu[j] - logGamma(Double(counts[j] + 1))
            }
            result[r] = log == -Double.infinity ? 0 : Foundation.exp(log)
        }
        return result
    }
}

/// log Γ(x) for x > 0 (Glibc and Foundation both export `lgamma`, so the call is spelled once here).
@inline(__always)
func logGamma(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.lgamma(x)
    #else
    return Darwin.lgamma(x)
    #endif
}
