/// Streaming count, mean, variance, min and max by Welford's update.
///
/// Accuracy: Welford's recurrence keeps the variance accurate when the mean is large relative to the
/// spread, unlike the sum-of-squares formula. Edge cases: `variance` is 0 for fewer than two values;
/// an empty accumulator has `mean` 0 and `min`/`max` of ±infinity.
public struct RunningStats: Sendable, Equatable, Codable {
    /// Number of values.
    public private(set) var count = 0
    /// Running mean.
    public private(set) var mean = 0.0
    /// Sum of squared deviations from the mean.
    public private(set) var m2 = 0.0
    /// Smallest value.
    public private(set) var min = Double.infinity
    /// Largest value.
    public private(set) var max = -Double.infinity
    /// Every value added, in order. The simulator's accumulators take one value per episode (a metric's
    /// per-episode value), so this stays small; long-format outputs list it.
    public private(set) var values: [Double] = []

    public init() {}

    /// An accumulator with these fields (checkpoint restore).
    public init(restoringCount count: Int, mean: Double, m2: Double, min: Double, max: Double, values: [Double] = []) {
        self.count = count
        self.mean = mean
        self.m2 = m2
        self.min = min
        self.max = max
        self.values = values
    }

    /// Accumulates the values of a sequence, in order.
    public init(_ values: some Sequence<Double>) {
        for v in values { add(v) }
    }

    /// Adds one value: mean += (x - mean)/n; m2 += (x - mean_old)(x - mean_new).
    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        m2 += delta * (value - mean)
        min = Swift.min(min, value)
        max = Swift.max(max, value)
        values.append(value)
    }

    /// Sample variance (n - 1 denominator).
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    /// Sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }
}
