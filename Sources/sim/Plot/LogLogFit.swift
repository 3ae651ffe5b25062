import Engine
import Foundation

/// The least-squares line through (log10 x, log10 y) of a series' points (the per-x means), with the
/// 95% interval of its slope: for m points, b = S_xy / S_xx and
///
///   b ± t*(0.975, m − 2) · √( Σ residual² / (m − 2) / S_xx ),
///
/// the ordinary-least-squares interval (homoscedastic residuals on the log scale). A slope of −1/2
/// is a power law y ∝ x^(−1/2). Edge cases: with fewer than 3 points the interval is undefined (NaN);
/// with fewer than 2 distinct x the slope is too.
struct LogLogFit: Equatable {
    /// The slope b and intercept a of log10 y = a + b log10 x.
    let slope: Double, intercept: Double
    /// Half the width of the slope's 95% interval.
    let halfWidth: Double
    /// Points used.
    let count: Int

    /// Fits points whose x and y are already log10-transformed.
    init(logPoints: [(x: Double, y: Double)]) {
        let m = logPoints.count
        count = m
        let mx = logPoints.reduce(0) { $0 + $1.x } / Double(max(m, 1)), my = logPoints.reduce(0) { $0 + $1.y } / Double(max(m, 1))
        let sxx = logPoints.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        let sxy = logPoints.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
        let b = m >= 2 && sxx > 0 ? sxy / sxx : .nan, a = my - b * mx
        slope = b
        intercept = a
        guard m >= 3, sxx > 0 else { halfWidth = .nan; return }
        let residuals = logPoints.reduce(0) { sum, p in let r = p.y - (a + b * p.x); return sum + r * r }
        halfWidth = StudentT.criticalValue(confidence: 0.95, degreesOfFreedom: m - 2) * (residuals / Double(m - 2) / sxx).squareRoot()
    }

    /// "slope −0.48 [−0.55, −0.41]" for the legend.
    var legend: String {
        guard slope.isFinite else { return "slope undefined" }
        let s = String(format: "%.3f", slope)
        guard halfWidth.isFinite else { return "slope \(s)" }
        return "slope \(s) [\(String(format: "%.3f", slope - halfWidth)), \(String(format: "%.3f", slope + halfWidth))]"
    }
}
