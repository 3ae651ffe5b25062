import Foundation

/// Distributions drawn from a ``CounterRandom`` cell. They are written here rather than taken from the
/// standard library, whose algorithms may change between Swift versions.
extension CounterRandom {
    /// Uniform in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() &>> 11) * 0x1p-53
    }

    /// Uniform in the open interval (0, 1): safe to take the logarithm of.
    @inlinable @inline(__always)
    public mutating func openUniform() -> Double {
        (Double(next() &>> 11) + 0.5) * 0x1p-53
    }

    /// Uniform integer in `0..<bound` without bias (Lemire's multiply-and-reject).
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound, got \(bound)")
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }

    /// Standard normal by the Box–Muller transform (two draws; the sine half is discarded so that
    /// every normal costs the same number of draws).
    @inlinable
    public mutating func normal() -> Double {
        let radius = (-2.0 * Foundation.log(openUniform())).squareRoot()
        return radius * Foundation.cos(2.0 * Double.pi * uniform())
    }

    /// Exponential with the given rate (mean `1 / rate`), by the ziggurat method (Marsaglia & Tsang 2000,
    /// 256 layers): one draw and no logarithm in 97.8% of calls, 1.034 draws on average.
    /// - Precondition: `rate > 0`.
    // Only the division is inlined into callers: `sample` stays in Engine, where its tables are static data.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        ExponentialZiggurat.sample(&self) / rate
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000); shapes below 1 use the boost
    /// Gamma(a) = Gamma(a + 1) · U^(1/a).
    /// - Precondition: `shape > 0`.
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma(shape:) needs shape > 0, got \(shape)")
        if shape < 1 {
            let boost = Foundation.pow(openUniform(), 1.0 / shape)
            return gamma(shape: shape + 1) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal()
                v = 1.0 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUniform()
            if u < 1.0 - 0.0331 * x * x * x * x { return d * v }
            if Foundation.log(u) < 0.5 * x * x + d * (1.0 - v + Foundation.log(v)) { return d * v }
        }
    }

    /// Fills `output` with a Dirichlet(alpha) draw (normalized gammas).
    /// - Precondition: `alpha.count == output.count`, every alpha > 0.
    public mutating func dirichlet(_ alpha: [Double], into output: inout [Double]) {
        precondition(alpha.count == output.count, "dirichlet: \(alpha.count) weights, \(output.count) slots")
        var total = 0.0
        for i in alpha.indices {
            output[i] = gamma(shape: alpha[i])
            total += output[i]
        }
        if total > 0 {
            for i in output.indices { output[i] /= total }
        } else {
            // Every gamma underflowed (tiny alphas): the limit is a point mass; pick one uniformly.
            let pick = int(below: output.count)
            for i in output.indices { output[i] = i == pick ? 1 : 0 }
        }
    }

    /// Index `j` with probability `cdf[j] - cdf[j-1]`, for a cumulative table ending at 1.
    /// Linear scan: the tables of tabular worlds are short. A `u` past rounding error picks the last.
    @inlinable @inline(__always)
    public mutating func categorical<C: RandomAccessCollection>(cumulative cdf: C) -> Int
    where C.Element == Double, C.Index == Int {
        let u = uniform()
        var j = cdf.startIndex
        let last = cdf.endIndex - 1
        while j < last && u >= cdf[j] { j += 1 }
        return j - cdf.startIndex
    }
}
