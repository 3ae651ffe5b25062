import Engine

/// What a federated run measures:
/// per episode (one training run) the final F(w) and max_i f_i(w), messages and bytes, and — for the
/// episodes that reach the target — simulated time and rounds to the target; plus F(w) against
/// simulated time and against rounds at every aggregation.
public struct FedOptMetrics: Sendable, Equatable {
    /// `globalLoss`: F(w) at the end of each episode.
    public private(set) var globalLoss = RunningStats()
    /// `worstClientLoss`: max_i f_i(w) at the end of each episode.
    public private(set) var worstClientLoss = RunningStats()
    /// `messages` per episode (model downloads plus uploads received).
    public private(set) var messages = RunningStats()
    /// `bytes` per episode (messages × d × bytes per value).
    public private(set) var bytes = RunningStats()
    /// `simulatedTimeToTarget`, over the episodes that reached the target (n counts them).
    public private(set) var simulatedTimeToTarget = RunningStats()
    /// `roundsToTarget` (aggregations), over the episodes that reached the target.
    public private(set) var roundsToTarget = RunningStats()
    /// F(w) after every aggregation, against simulated time.
    public private(set) var lossByTime = StepSeries(name: "globalLossByTime")
    /// F(w) after every aggregation, against the round (aggregation) number within its episode.
    public private(set) var lossByRound = StepSeries(name: "globalLossByRound")

    public init() {}

    /// The summaries under their metric names, in report order.
    public var summaries: [(name: String, stats: RunningStats)] {
        [("globalLoss", globalLoss), ("worstClientLoss", worstClientLoss), ("messages", messages), ("bytes", bytes),
         ("simulatedTimeToTarget", simulatedTimeToTarget), ("roundsToTarget", roundsToTarget)]
    }

    mutating func recordAggregation(loss: Double, round: Int, at time: SimTime) {
        lossByTime.record(loss, at: time)
        lossByRound.record(loss, at: Double(round))
    }

    mutating func recordTarget(time: SimTime, rounds: Int) {
        simulatedTimeToTarget.add(time)
        roundsToTarget.add(Double(rounds))
    }

    mutating func addEpisode(loss: Double, worst: Double, messages count: Int, bytesPerMessage: Int) {
        globalLoss.add(loss)
        worstClientLoss.add(worst)
        messages.add(Double(count))
        bytes.add(Double(count * bytesPerMessage))
    }
}

extension FedOptMetrics: CheckpointableState {
    public func save(into writer: inout StateWriter) {
        for stats in [globalLoss, worstClientLoss, messages, bytes, simulatedTimeToTarget, roundsToTarget] { writer.write(stats) }
        writer.write(lossByTime)
        writer.write(lossByRound)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.read(into: &globalLoss)
        try reader.read(into: &worstClientLoss)
        try reader.read(into: &messages)
        try reader.read(into: &bytes)
        try reader.read(into: &simulatedTimeToTarget)
        try reader.read(into: &roundsToTarget)
        try reader.read(into: &lossByTime)
        try reader.read(into: &lossByRound)
    }
}
