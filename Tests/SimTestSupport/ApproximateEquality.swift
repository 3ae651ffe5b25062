/// Relative-or-absolute closeness for floating-point test assertions.
///
/// True when `|a - b| <= max(absolute, relative · max(|a|, |b|))`. The default relative tolerance is
/// √ulp(1) ≈ 1.5e-8.
public func isApproximatelyEqual(_ a: Double, _ b: Double,
                                 relative: Double = Double.ulpOfOne.squareRoot(),
                                 absolute: Double = 0) -> Bool {
    if a == b { return true }
    guard a.isFinite, b.isFinite else { return false }
    return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// The largest absolute element-wise difference of two equally long arrays (∞ when lengths differ).
public func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
