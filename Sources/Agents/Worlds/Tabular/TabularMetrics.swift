import Engine

/// What a tabular run measures: per-episode discounted return and mode accuracy (the fraction of
/// steps where s_g equals the population's modal local state), and the per-step reward series.
public struct TabularMetrics: Codable, Sendable, Equatable {
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

extension TabularMetrics {
    /// Throws unless a decoded value could be this run's: the same mode-accuracy setting as `fresh`
    /// (the run's own, freshly built), accumulators consistent with their values, the reward series intact.
    func check(against fresh: TabularMetrics) throws {
        guard modeAccuracyDefined == fresh.modeAccuracyDefined else {
            throw CheckpointError.mismatch("the metrics \(modeAccuracyDefined ? "track" : "omit") mode accuracy, this run's do not")
        }
        try discountedReturn.checkConsistent("the discounted returns")
        try modeAccuracy.checkConsistent("the mode accuracies")
        try reward.check(name: fresh.reward.name)
    }
}
