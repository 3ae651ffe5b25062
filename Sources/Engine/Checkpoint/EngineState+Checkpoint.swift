/// Checkpoint conformances of the engine's accumulators.

extension RunningStats: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        writer.write(count)
        for v in [mean, m2, min, max] { writer.write(v) }
        writer.write(values)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        let restored = RunningStats(restoringCount: try reader.readInt(), mean: try reader.readDouble(), m2: try reader.readDouble(),
                                    min: try reader.readDouble(), max: try reader.readDouble(), values: try reader.readDoubles())
        guard restored.values.count == restored.count else {
            throw CheckpointError.corrupt("an accumulator counts \(restored.count) values but holds \(restored.values.count)")
        }
        self = restored
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
        self = DiscountedReturn(gamma: g, restoringValue: try reader.readDouble(), weight: try reader.readDouble(), steps: try reader.readInt())
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
        self = StepSeries(name: name, restoringTimes: times, values: values)
    }
}
