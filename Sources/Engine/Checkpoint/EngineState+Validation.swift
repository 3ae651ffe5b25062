/// Checks of the engine's accumulators after a world decodes its whole `State` value (``StateDecoder``
/// guarantees the shape only): each throws ``CheckpointError/corrupt(_:)`` naming `field` unless the
/// value is one a run could have produced.
extension RunningStats {
    /// The summary fields must be exactly those the values give when added in order.
    public func checkConsistent(_ field: String) throws {
        let rebuilt = RunningStats(values)
        guard rebuilt.count == count,
              [rebuilt.mean, rebuilt.m2, rebuilt.min, rebuilt.max].map(\.bitPattern) == [mean, m2, min, max].map(\.bitPattern) else {
            throw CheckpointError.corrupt("\(field): its count, mean, spread or extremes do not follow from its \(values.count) values")
        }
    }
}

extension DiscountedReturn {
    /// The discount factor must be the run's, the value finite, the weight γ^steps within 0…1.
    public func check(gamma expected: Double, _ field: String) throws {
        guard gamma.bitPattern == expected.bitPattern else { throw CheckpointError.mismatch("\(field): discount factor \(gamma), this run has \(expected)") }
        guard value.isFinite, weight.isFinite, (0...1).contains(weight), steps >= 0 else {
            throw CheckpointError.corrupt("\(field): value \(value), weight \(weight) after \(steps) steps")
        }
    }
}

extension StepSeries {
    /// The series must be the one expected, with one finite time per finite value (times need not
    /// increase: a series by round restarts with every episode).
    public func check(name expected: String) throws {
        guard name == expected else { throw CheckpointError.mismatch("series '\(name.prefix(40))' where '\(expected)' was expected") }
        guard times.count == values.count else { throw CheckpointError.corrupt("series '\(name)' has \(times.count) times and \(values.count) values") }
        try StateReader.check(times, "the times of series '\(name)'")
    }
}
