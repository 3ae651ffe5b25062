import Engine

extension FedOptWorld: SessionModel {
    public mutating func finishRun() {
        finishEpisode()
        policy.finishRun()
    }

    public var metricSummaries: [(name: String, stats: RunningStats)] { metrics.summaries }

    /// F(w) against simulated time and against rounds.
    public var stepSeries: [StepSeries] { [metrics.lossByTime, metrics.lossByRound] }

    public func inspectGlobal() -> [(String, String)] {
        [("episode", String(episode)), ("round", String(round)), ("loss", JSONText.number(problem.globalLoss(model))),
         ("excessLoss", JSONText.number(excessLoss)), ("policy", policy.kind),
         ("model", model.map(JSONText.number).joined(separator: ","))]
    }

    public var agentCount: Int { problem.clients }

    public func inspectAgent(_ agent: Int) -> [(String, String)]? {
        guard agent >= 0 && agent < problem.clients else { return nil }
        return [("client", String(agent)), ("loss", JSONText.number(problem.clientLoss(agent, model))),
                ("speed", JSONText.number(speeds[agent]))]
    }

    public func inspectMeanField() -> [(String, String)] {
        [("globalLoss", JSONText.number(problem.globalLoss(model))),
         ("worstClientLoss", JSONText.number(problem.worstClientLoss(model))),
         ("minimumLoss", JSONText.number(problem.minimumLoss)), ("clients", String(problem.clients))]
    }
}
