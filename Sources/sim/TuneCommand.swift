import Engine
import Scenarios

/// `sim tune`: chooses a policy's hyper-parameters on data other than the reported window. Every grid
/// point runs the policy on every seed with the `--on` overrides (e.g. `world.validation=true` or
/// `world.start=2000`), the point with the best mean metric is chosen, and the choice is printed and
/// written (atomically, `--out`) as `--set path=value` lines to pass to `sim run` or `sim compare` on
/// the reported window.
struct TuneCommand {
    let options: TuneOptions

    func execute(console: inout Console) throws {
        let points = options.points
        Interrupt.install()
        let base = try options.overrides.map(Override.parse) + options.on.map(Override.parse)
        let direction = MetricDirection.of(options.metric)
        var best: (index: Int, mean: Double)?
        var rows: [[String]] = []
        var driver = SessionDriver(progress: ProgressLine(label: "tune", total: points.count * options.seeds.count,
                                                          enabled: ProgressLine.wanted(options.progress, console: console)))
        // Every grid point is validated and the output checked against every file they read before the
        // first run: a bad point or an unwritable --out must not surface after minutes of tuning.
        let scenarios = try points.map { point in
            let scenario = try Scenario.load(file: options.file, overrides: base + point.map { Override(path: $0.path, value: Override.parseValue($0.value)) })
            guard scenario.policyNames.contains(options.policy) else { throw scenario.unknownPolicy(options.policy) }
            guard scenario.world.metricNames.contains(options.metric) else {
                throw CLIError.badValue(option: "--metric", value: options.metric, expected: scenario.world.metricNames.joined(separator: ", "))
            }
            return scenario
        }
        try OutputPathCheck.preflight(outputs: [("--out", options.out)], inputs: scenarios.flatMap(\.inputFiles))
        for (index, (point, scenario)) in zip(points, scenarios).enumerated() {
            var values: [Double] = []
            for seed in options.seeds {
                var session = try scenario.world.makeSession(policy: options.policy, seed: seed, metrics: [options.metric])
                let done = index * options.seeds.count + values.count
                if try driver.runToEnd(&session, completedRuns: done, console: &console) { throw Interrupted(detail: "while tuning") }
                values.append(try session.finish().metric(options.metric)?.mean ?? .nan)
            }
            let interval = MeanInterval(values)
            rows.append(point.map { "\($0.path)=\($0.value)" } + [JSONText.number(interval.mean), "± " + JSONText.number(interval.halfWidth)])
            let better = best.map { direction == .lowerIsBetter ? interval.mean < $0.mean : interval.mean > $0.mean } ?? true
            if interval.mean.isFinite && better { best = (index, interval.mean) }
        }
        driver.progress.finish(console: &console)
        guard let best else { throw CLIError.conflict("no grid point gave a finite \(options.metric)") }
        let chosen = points[best.index].map { "--set \($0.path)=\($0.value)" }
        var text = "tune \(options.policy) on \(options.on.joined(separator: " ")): \(options.metric) over seeds \(options.seeds.count), "
        text += "\(points.count) point(s)\n"
        for (index, row) in rows.enumerated() { text += (index == best.index ? "* " : "  ") + row.joined(separator: "  ") + "\n" }
        text += "chosen: " + chosen.joined(separator: " ")
        console.out(text)
        if let out = options.out { try AtomicFile.write(chosen.joined(separator: "\n") + "\n", to: out) }
    }
}
