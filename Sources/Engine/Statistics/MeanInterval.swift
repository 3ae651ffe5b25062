/// A sample mean with its Student-t confidence interval: mean ± t*(ν = n - 1) · s / √n.
///
/// Used for per-policy means and paired differences (`sim compare`), sweep points (`sim merge`) and
/// plot whiskers, so every command prints the same numbers for the same values.
/// - Edge cases: with fewer than two values the interval is undefined and `lower`/`upper`/`halfWidth`
///   are NaN (rendered as `null` in JSON); with zero spread the interval is the mean itself.
public struct MeanInterval: Sendable, Equatable {
    /// Number of values.
    public let count: Int
    /// Sample mean.
    public let mean: Double
    /// Sample standard deviation (n - 1 denominator).
    public let standardDeviation: Double
    /// Half the interval's width, t* · s / √n.
    public let halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public let confidence: Double

    /// The interval of `values` (summed in order by Welford's update, ``RunningStats``).
    /// - Complexity: O(n) plus one t quantile.
    public init(_ values: [Double], confidence: Double = 0.95) {
        self.init(RunningStats(values), confidence: confidence)
    }

    /// The interval from accumulated statistics.
    public init(_ stats: RunningStats, confidence: Double = 0.95) {
        count = stats.count
        mean = stats.count > 0 ? stats.mean : .nan
        standardDeviation = stats.standardDeviation
        self.confidence = confidence
        if stats.count < 2 {
            halfWidth = .nan
        } else {
            let t = StudentT.criticalValue(confidence: confidence, degreesOfFreedom: stats.count - 1)
            halfWidth = t * stats.standardDeviation / Double(stats.count).squareRoot()
        }
    }

    /// mean - halfWidth.
    public var lower: Double { mean - halfWidth }
    /// mean + halfWidth.
    public var upper: Double { mean + halfWidth }
}
