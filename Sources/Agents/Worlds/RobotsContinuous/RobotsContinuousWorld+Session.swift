import Engine

extension RobotsContinuousWorld: SessionModel {
    public mutating func finishRun() {
        finishEpisode()
        globalPolicy.finishRun()
        localPopulation?.finishRun()
    }

    public var metricSummaries: [(name: String, stats: RunningStats)] {
        [(name: "discountedReturn", stats: metrics.discountedReturn), (name: "modeAccuracy", stats: metrics.modeAccuracy)]
    }

    public var stepSeries: [StepSeries] { [metrics.reward] }

    public func inspectGlobal() -> [(String, String)] {
        [("episode", String(episode)), ("globalState", JSONText.number(globalState)), ("globalAction", String(globalAction)),
         ("target", JSONText.number(robots.targets[globalAction])),
         ("counts", counts.map(String.init).joined(separator: ",")), ("policy", globalPolicy.kind)]
    }

    public func inspectAgent(_ agent: Int) -> [(String, String)]? {
        guard agent >= 0 && agent < positions.count else { return nil }
        var fields = [("agent", String(agent)), ("position", JSONText.number(positions[agent])), ("localPolicy", localPopulation?.kind ?? localRule.kind)]
        if let last = lastStep(of: agent), let step = previousStep?.step {
            fields += [("lastStep", String(step)), ("lastPosition", JSONText.number(last.position)),
                       ("lastMove", JSONText.number(last.move)), ("lastLocalReward", JSONText.number(last.reward))]
        }
        return fields
    }

    public var agentCount: Int { positions.count }

    public func inspectMeanField() -> [(String, String)] {
        let mean = positions.reduce(0, +) / Double(max(positions.count, 1))
        return [("histogram", populationHistogram.map(String.init).joined(separator: ",")),
                ("mean", JSONText.number((mean * 1e6).rounded() / 1e6)), ("mode", String(populationMode)),
                ("agents", String(positions.count))]
    }
}
