import Foundation

/// The `concept-drift` world.
///
/// Grid g_k = linspace(0, 2π, R + 2); input row t = (g_{t+1}, g_{t+1}, √g_{t+1}); target row t = f(g_t)
/// where, with x1 = x2 = g and x3 = √g,
/// phase 1: y1 = x1² + sin x2 + x1 x3 + 0.5 cos 10 x1, y2 = x1 cos x2 + x3 − exp(−x2);
/// phase 2: y1 = x1 + x2 − sin x3, y2 = cos x1 sin x2 + x3² + 0.25 cos 10 x1;
/// f = a(x1) phase1 + (1 − a(x1)) phase2, a = 1 up to 7π/8, cos(2 (x1 − 7π/8)) up to 9π/8, then 0.
public struct ConceptDriftSeries: Sendable, Equatable {
    /// R (default 200).
    public var rounds = 200
    /// Keep only y2 (default false: two-dimensional target).
    public var oneDim = false

    public init() {}

    /// The blend weight a(x1) of phase 1.
    public static func blendWeight(_ x1: Double) -> Double {
        let start = 7 * Double.pi / 8, end = 9 * Double.pi / 8
        if x1 <= start { return 1 }
        if x1 <= end { return cos(2 * (x1 - start)) }
        return 0
    }

    /// f(g): the blended two-dimensional target at grid point g.
    public static func target(at g: Double) -> (Double, Double) {
        let x1 = g, x2 = g, x3 = g.squareRoot()
        let p1y1 = x1 * x1 + sin(x2) + x1 * x3 + 0.5 * cos(10 * x1)
        let p1y2 = x1 * cos(x2) + x3 - exp(-x2)
        let p2y1 = x1 + x2 - sin(x3)
        let p2y2 = cos(x1) * sin(x2) + x3 * x3 + 0.25 * cos(10 * x1)
        let a = blendWeight(x1)
        return (a * p1y1 + (1 - a) * p2y1, a * p1y2 + (1 - a) * p2y2)
    }

    /// The grid g_0 … g_{R+1}.
    public var grid: [Double] {
        let count = rounds + 2
        return (0..<count).map { 2 * Double.pi * Double($0) / Double(count - 1) }
    }

    /// The world's data.
    /// - Precondition: `rounds >= 1`.
    public func data() -> TimeSeriesData {
        precondition(rounds >= 1, "concept-drift: rounds must be >= 1, got \(rounds)")
        let g = grid
        var inputs = Matrix(rows: rounds + 1, columns: 3)
        var targets = Matrix(rows: rounds + 1, columns: oneDim ? 1 : 2)
        for t in 0...rounds {
            inputs[t, 0] = g[t + 1]
            inputs[t, 1] = g[t + 1]
            inputs[t, 2] = g[t + 1].squareRoot()
            let (y1, y2) = Self.target(at: g[t])
            if oneDim {
                targets[t, 0] = y2
            } else {
                targets[t, 0] = y1
                targets[t, 1] = y2
            }
        }
        return TimeSeriesData(inputs: inputs, targets: targets)
    }
}
