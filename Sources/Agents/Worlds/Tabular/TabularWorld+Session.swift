import Engine

extension TabularWorld: SessionModel {
    public mutating func finishRun() {
        finishEpisode()
        globalPolicy.finishRun()
        localPopulation?.finishRun()
    }

    public var metricSummaries: [(name: String, stats: RunningStats)] {
        var list = [(name: "discountedReturn", stats: metrics.discountedReturn)]
        if metrics.modeAccuracyDefined { list.append((name: "modeAccuracy", stats: metrics.modeAccuracy)) }
        return list
    }

    public var stepSeries: [StepSeries] { [metrics.reward] }

    public var populationThreads: Int {
        get { threads }
        set { threads = newValue }
    }

    public func inspectGlobal() -> [(String, String)] {
        [("episode", String(episode)), ("globalState", String(globalState)), ("globalAction", String(globalAction)),
         ("counts", counts.map(String.init).joined(separator: ",")), ("policy", globalPolicy.kind)]
    }

    public func inspectAgent(_ agent: Int) -> [(String, String)]? {
        guard agent >= 0 && agent < population.count else { return nil }
        var fields = [("agent", String(agent)), ("localState", String(population.states[agent])), ("localPolicy", localPolicy.kind)]
        if let last = lastStep(of: agent), let step = previousStep?.step {
            fields += [("lastStep", String(step)), ("lastState", String(last.state)), ("lastAction", String(last.action)),
                       ("lastLocalReward", JSONText.number(last.reward))]
        }
        return fields
    }

    public var agentCount: Int { population.count }

    public func inspectMeanField() -> [(String, String)] {
        [("histogram", population.histogram.map(String.init).joined(separator: ",")),
         ("meanField", population.meanField.map { JSONText.number(($0 * 1e6).rounded() / 1e6) }.joined(separator: ",")),
         ("mode", String(population.mode)), ("agents", String(population.count))]
    }
}
