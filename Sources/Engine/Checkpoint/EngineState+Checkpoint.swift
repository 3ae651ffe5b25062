/// Checkpoint conformances of the engine's accumulators.

extension RunningStats: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        writer.write(count)
        for v in [mean, m2, min, max] { writer.write(v) }
        writer.write(values)
    }

    /// The summary fields must be exactly those the saved values give when added in order.
    public mutating func restore(from reader: inout StateReader) throws {
        let count = try reader.readInt(), mean = try reader.readDouble(), m2 = try reader.readDouble()
        let min = try reader.readDouble(), max = try reader.readDouble(), values = try reader.readDoubles()
        let rebuilt = RunningStats(values)
        guard rebuilt.count == count, [rebuilt.mean, rebuilt.m2, rebuilt.min, rebuilt.max].map(\.bitPattern) == [mean, m2, min, max].map(\.bitPattern) else {
            throw CheckpointError.corrupt("an accumulator's count, mean, spread or extremes do not follow from its \(values.count) values")
        }
        self = rebuilt
    }
}

extension DiscountedReturn: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        writer.write(gamma)
        writer.write(value)
        writer.write(weight)
        writer.write(steps)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        let g = try reader.readDouble()
        guard g.bitPattern == gamma.bitPattern else { throw CheckpointError.mismatch("discount factor \(g), this run has \(gamma)") }
        self = DiscountedReturn(gamma: g, restoringValue: try reader.readFinite("a discounted return"),
                                weight: try reader.readFinite("a discount weight", in: 0...1), steps: try reader.readInt(in: 0...Int.max, "a return's steps"))
    }
}

extension StepSeries: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        writer.write(name)
        writer.write(times)
        writer.write(values)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        let found = try reader.readString()
        guard found == name else { throw CheckpointError.mismatch("series '\(found)' where '\(name)' was expected") }
        let times = try reader.readDoubles(), values = try reader.readDoubles()
        guard times.count == values.count else { throw CheckpointError.corrupt("series '\(name)' has \(times.count) times and \(values.count) values") }
        // Not necessarily increasing: a series by round restarts with every episode.
        try StateReader.check(times, "the times of series '\(name)'")
        self = StepSeries(name: name, restoringTimes: times, values: values)
    }
}
