// The per-step series each world's model records (its `stepSeries`), so that `sim run --plot-series`
// is checked before the run; ScenarioWorldSeriesNamesTests compares them with a run's series.

extension TabularScenarioWorld {
    public var seriesNames: [String]? { ["reward"] }
}

extension RobotsContinuousScenarioWorld {
    public var seriesNames: [String]? { ["reward"] }
}

extension FedOptScenarioWorld {
    public var seriesNames: [String]? { ["globalLossByTime", "globalLossByRound"] }
}

extension TimeSeriesScenarioWorld {
    public var seriesNames: [String]? { ["mixtureSquaredError"] }
}
