import Engine
import Scenarios

/// `sim run --plot`: a per-step series (e.g. `reward`) against the step within the episode, one line
/// per policy. Episodes are overlaid, never joined end to end: when every episode has the same steps,
/// each policy's line is the mean over episodes with its 95% t-interval as a shaded ribbon; otherwise
/// (event-driven worlds whose steps fall at random times) each episode is its own stretch of the line.
enum RunChart {
    /// - Parameters:
    ///   - episodeLength: the simulated time of one episode (every run's episode e covers
    ///     [e·length, (e+1)·length)).
    ///   - axis: what the chosen series' x values count, given its name.
    /// - Throws: ``CLIError/badValue(option:value:expected:)`` when no run recorded `series`.
    static func chart(scenario: String, series name: String?, runs: [(policy: String, outcome: RunOutcome)],
                      episodeLength: Double, axis: (String) -> SeriesAxis) throws -> LineChart {
        let available = runs.first?.outcome.series.map(\.name) ?? []
        guard let chosen = name ?? available.first, available.contains(chosen) else {
            throw CLIError.badValue(option: "--plot-series", value: name ?? "", expected: "a per-step series of this world (\(available.joined(separator: ", ")))")
        }
        let seriesAxis = axis(chosen), unit = seriesAxis.unit
        var episodeCount = 0, averaged = true
        let series = runs.map { run -> ChartSeries in
            let recorded = run.outcome.series.first { $0.name == chosen }
            let episodes = split(times: recorded?.times ?? [], values: recorded?.values ?? [],
                                 length: seriesAxis.restartsEachEpisode ? nil : episodeLength)
            episodeCount = max(episodeCount, episodes.count)
            if let mean = meanOverEpisodes(episodes) {
                var line = ChartSeries(name: run.policy, points: mean)
                line.ribbon = true
                return line
            }
            averaged = false
            // A point with no value between episodes starts a new stretch of the line.
            let points = episodes.enumerated().flatMap { e, episode in
                (e > 0 ? [ChartSeries.Point(x: episode.first?.x ?? 0, y: .nan)] : []) + episode.map { ChartSeries.Point(x: $0.x, y: $0.y) }
            }
            return ChartSeries(name: run.policy, points: points)
        }
        let how = averaged && episodeCount > 1 ? "mean over \(episodeCount) episodes, band: 95% CI" : "each episode overlaid"
        return LineChart(title: "\(scenario): \(chosen) per \(unit) (\(how))", xLabel: "\(unit) within the episode",
                         yLabel: chosen, series: series)
    }

    /// The values of each episode as (x within the episode, value), in episode order: by the run's
    /// clock when `length` is given, else a new episode wherever x starts again (falls).
    static func split(times: [Double], values: [Double], length: Double?) -> [[(x: Double, y: Double)]] {
        var episodes: [[(x: Double, y: Double)]] = []
        for (t, v) in zip(times, values) {
            if let length {
                let e = length > 0 ? Int((t / length).rounded(.down)) : 0
                while episodes.count <= e { episodes.append([]) }
                episodes[e].append((t - Double(e) * length, v))
            } else {
                if episodes.isEmpty || t < episodes[episodes.count - 1].last!.x { episodes.append([]) }
                episodes[episodes.count - 1].append((t, v))
            }
        }
        return episodes.filter { !$0.isEmpty }
    }

    /// Per position, the mean over episodes and its 95% t-interval; nil unless there are at least two
    /// episodes and all of them have the same positions.
    static func meanOverEpisodes(_ episodes: [[(x: Double, y: Double)]]) -> [ChartSeries.Point]? {
        guard episodes.count > 1, let first = episodes.first,
              episodes.allSatisfy({ $0.map(\.x) == first.map(\.x) }) else { return nil }
        return first.indices.map { i in
            let interval = MeanInterval(episodes.map { $0[i].y })
            return ChartSeries.Point(x: first[i].x, y: interval.mean, low: interval.lower, high: interval.upper)
        }
    }
}
