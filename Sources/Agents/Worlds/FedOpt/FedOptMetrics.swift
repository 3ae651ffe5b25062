import Engine

/// What a federated run measures:
/// per episode (one training run) the final F(w) and max_i f_i(w), messages and bytes, whether it
/// reached the target, and the simulated time and rounds to the target; plus F(w) against simulated
/// time and against rounds at every aggregation.
///
/// Censoring: an episode that never reaches the target enters `simulatedTimeToTarget` at the episode's
/// length (the horizon) and `roundsToTarget` at the rounds it completed — the least values it could
/// have had. So every episode counts, a policy that never reaches the target is never "faster" than one
/// that does, and the means are lower bounds whenever `targetReached` (the fraction of episodes that
/// reached it, reported beside them) is below 1.
public struct FedOptMetrics: Codable, Sendable, Equatable {
    /// `globalLoss`: F(w) at the end of each episode.
    public private(set) var globalLoss = RunningStats()
    /// `worstClientLoss`: max_i f_i(w) at the end of each episode.
    public private(set) var worstClientLoss = RunningStats()
    /// `messages` per episode (model downloads plus uploads received).
    public private(set) var messages = RunningStats()
    /// `bytes` per episode (messages × d × bytes per value).
    public private(set) var bytes = RunningStats()
    /// `simulatedTimeToTarget` per episode, censored at the episode's length.
    public private(set) var simulatedTimeToTarget = RunningStats()
    /// `roundsToTarget` (aggregations) per episode, censored at the rounds completed.
    public private(set) var roundsToTarget = RunningStats()
    /// `targetReached`: 1 for an episode that reached the target, 0 for a censored one.
    public private(set) var targetReached = RunningStats()
    /// F(w) after every aggregation, against simulated time.
    public private(set) var lossByTime = StepSeries(name: "globalLossByTime")
    /// F(w) after every aggregation, against the round (aggregation) number within its episode.
    public private(set) var lossByRound = StepSeries(name: "globalLossByRound")

    public init() {}

    /// The summaries under their metric names, in report order.
    public var summaries: [(name: String, stats: RunningStats)] {
        [("globalLoss", globalLoss), ("worstClientLoss", worstClientLoss), ("messages", messages), ("bytes", bytes),
         ("simulatedTimeToTarget", simulatedTimeToTarget), ("roundsToTarget", roundsToTarget), ("targetReached", targetReached)]
    }

    mutating func recordAggregation(loss: Double, round: Int, at time: SimTime) {
        lossByTime.record(loss, at: time)
        lossByRound.record(loss, at: Double(round))
    }

    /// Records one episode's time and rounds to the target; `reached: false` marks them censored.
    mutating func recordTarget(time: SimTime, rounds: Int, reached: Bool) {
        simulatedTimeToTarget.add(time)
        roundsToTarget.add(Double(rounds))
        targetReached.add(reached ? 1 : 0)
    }

    mutating func addEpisode(loss: Double, worst: Double, messages count: Int, bytesPerMessage: Int) {
        globalLoss.add(loss)
        worstClientLoss.add(worst)
        messages.add(Double(count))
        bytes.add(Double(count) * Double(bytesPerMessage))   // exact below 2^53, and no overflow trap
    }
}

extension FedOptMetrics {
    /// Throws unless a decoded value could be this run's: every accumulator consistent with its values,
    /// both loss curves intact and named as `fresh`'s (the run's own, freshly built).
    func check(against fresh: FedOptMetrics) throws {
        for (name, stats) in summaries { try stats.checkConsistent("the \(name) summary") }
        try lossByTime.check(name: fresh.lossByTime.name)
        try lossByRound.check(name: fresh.lossByRound.name)
    }
}
