import Engine

/// What a tabular run measures: per-episode discounted return and mode accuracy (the fraction of
/// steps where s_g equals the population's modal local state), and the per-step reward series.
public struct TabularMetrics: Sendable, Equatable {
    /// `discountedReturn` over episodes.
    public private(set) var discountedReturn = RunningStats()
    /// `modeAccuracy` over episodes (only when |S_g| = |S_l|).
    public private(set) var modeAccuracy = RunningStats()
    /// Whether mode accuracy means anything for this game.
    public let modeAccuracyDefined: Bool
    /// Reward at every `policyStep`.
    public private(set) var reward = StepSeries(name: "reward")

    public init(modeAccuracyDefined: Bool) { self.modeAccuracyDefined = modeAccuracyDefined }

    mutating func addEpisode(discountedReturn value: Double, modeAccuracy accuracy: Double) {
        discountedReturn.add(value)
        if modeAccuracyDefined { modeAccuracy.add(accuracy) }
    }

    mutating func recordStep(reward value: Double, at time: SimTime) {
        reward.record(value, at: time)
    }
}

extension TabularMetrics: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        writer.write(discountedReturn)
        writer.write(modeAccuracy)
        writer.write(reward)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.read(into: &discountedReturn)
        try reader.read(into: &modeAccuracy)
        try reader.read(into: &reward)
    }
}
