import Scenarios

/// `sim compare --plot`: one panel per metric; x = seed, one dot per seed and policy (seeds are not a
/// sequence, so the dots are not joined; common random numbers make the policies' dots move together),
/// and a band for each policy's mean with its 95% CI.
enum ComparisonChart {
    static func charts(_ comparison: PolicyComparison) -> [LineChart] {
        comparison.metrics.indices.map { m in
            let series = comparison.policies.indices.map { p in
                let interval = comparison.interval(metric: m, policy: p)
                let points = comparison.values[m][p].enumerated().map { ChartSeries.Point(x: Double($0.offset), y: $0.element) }
                var series = ChartSeries(name: comparison.policies[p], points: points, band: (interval.lower, interval.mean, interval.upper))
                series.joined = false   // seeds are not a sequence: one dot per seed
                return series
            }
            return LineChart(title: "\(comparison.scenario): \(comparison.metrics[m]) per seed (bands: mean ± 95% CI)",
                             xLabel: "seed", yLabel: comparison.metrics[m], series: series,
                             categories: comparison.seeds.map(String.init))
        }
    }
}
