import Foundation

/// The regularized incomplete beta function I_x(a, b), by the Lentz continued fraction (Numerical
/// Recipes §6.4), the building block of ``StudentT``.
public enum IncompleteBeta {
    /// I_x(a, b) = B(x; a, b) / B(a, b).
    ///
    /// - Precondition: `a > 0`, `b > 0`, `0 <= x <= 1`.
    /// - Accuracy: the continued fraction is iterated to 1e-16 relative; the prefactor costs a few ulp
    ///   through `lgamma`, so results are good to about 1e-14.
    /// - Edge cases: x = 0 gives 0 and x = 1 gives 1.
    public static func regularized(x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "a and b must be > 0, got a = \(a), b = \(b)")
        precondition(x >= 0 && x <= 1, "x must be in [0, 1], got \(x)")
        if x == 0 || x == 1 { return x }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            let even = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + even * d; if abs(d) < tiny { d = tiny }
            c = 1 + even / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + odd * d; if abs(d) < tiny { d = tiny }
            c = 1 + odd / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }
}
