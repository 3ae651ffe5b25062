/// Per-seed differences `candidate - baseline` under common random numbers, with their mean interval
/// and win/loss/tie counts (`sim compare`).
///
/// A *win* is a seed where the candidate is better than the baseline: larger when `higherIsBetter`,
/// smaller otherwise. A *tie* is an exactly equal pair (common random numbers make equal policies give
/// bit-identical values, so no tolerance is needed to recognise them). A NaN difference counts as
/// none of the three.
public struct PairedDifference: Sendable, Equatable {
    /// `candidate[i] - baseline[i]`, in seed order.
    public let differences: [Double]
    /// The mean difference with its confidence interval.
    public let interval: MeanInterval
    /// Seeds where the candidate is better.
    public let wins: Int
    /// Seeds where the candidate is worse.
    public let losses: Int
    /// Seeds with equal values.
    public let ties: Int

    /// - Precondition: both arrays have the same length (one value per seed, same seed order).
    /// - Complexity: O(n).
    public init(candidate: [Double], baseline: [Double], higherIsBetter: Bool = true, confidence: Double = 0.95) {
        precondition(candidate.count == baseline.count,
                     "paired values need one per seed: \(candidate.count) against \(baseline.count)")
        differences = zip(candidate, baseline).map { $0 - $1 }
        interval = MeanInterval(differences, confidence: confidence)
        wins = differences.filter { higherIsBetter ? $0 > 0 : $0 < 0 }.count
        losses = differences.filter { higherIsBetter ? $0 < 0 : $0 > 0 }.count
        ties = differences.filter { $0 == 0 }.count
    }
}
