import Scenarios

/// `sim run --plot`: a per-step series (e.g. `reward`) over simulated time, one line per policy.
enum RunChart {
    /// - Throws: ``CLIError/badValue(option:value:expected:)`` when no run recorded `series`.
    static func chart(scenario: String, series name: String?, runs: [(policy: String, outcome: RunOutcome)]) throws -> LineChart {
        let available = runs.first?.outcome.series.map(\.name) ?? []
        guard let chosen = name ?? available.first, available.contains(chosen) else {
            throw CLIError.badValue(option: "--plot-series", value: name ?? "", expected: "a per-step series of this world (\(available.joined(separator: ", ")))")
        }
        let series = runs.map { run in
            let recorded = run.outcome.series.first { $0.name == chosen }
            let points = zip(recorded?.times ?? [], recorded?.values ?? []).map { ChartSeries.Point(x: $0, y: $1) }
            return ChartSeries(name: run.policy, points: points)
        }
        return LineChart(title: "\(scenario): \(chosen) per step", xLabel: "simulated time", yLabel: chosen, series: series)
    }
}
