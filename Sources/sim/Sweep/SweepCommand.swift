import Engine
import Scenarios

/// `sim sweep`: runs the cartesian product of the `--set` axes × policies × seeds (or one `--shard`
/// of it) and writes one JSON line per run (DESIGN.md "Machine-readable outputs"); with `--out`, the
/// lines go to the file and the sweep table to standard output.
struct SweepCommand {
    let options: SweepOptions

    func execute(console: inout Console) throws {
        let points = SweepPlan(axes: options.axes, policies: [], seeds: []).points
        // Every point is loaded and validated, so every shard fails alike on a bad point.
        let scenarios = try points.map { try Scenario.load(file: options.file, overrides: $0) }
        let policies = try chosenPolicies(scenarios)
        let metrics = try scenarios[0].metrics(chosen: options.metrics)
        let plan = SweepPlan(axes: options.axes, policies: policies, seeds: options.seeds)
        let items = options.shard.map { plan.items(shard: $0.index, of: $0.count) } ?? plan.items
        // A swept field may name another data file: no point's inputs may be overwritten.
        try OutputPathCheck.preflight(outputs: [("--out", options.out)], inputs: scenarios.flatMap(\.inputFiles))
        Interrupt.install()
        // Without --out the lines go through the console (one write per line, so a reader of a pipe sees whole lines).
        var file = try options.out.map(FileOutput.file)
        var driver = SessionDriver(progress: ProgressLine(label: "sweep", total: items.count,
                                                          enabled: ProgressLine.wanted(options.progress, console: console)))
        var records: [SweepRecord] = []
        for item in items {
            var session = try scenarios[item.point].world.makeSession(policy: item.policy, seed: item.seed, metrics: metrics)
            if try driver.runToEnd(&session, completedRuns: records.count, console: &console) { break }
            let outcome = try session.finish()
            let record = SweepRecord(point: points[item.point], policy: item.policy, seed: item.seed,
                                     metrics: metrics.map { ($0, outcome.metric($0)?.mean ?? .nan) })
            if file != nil { try file?.write(Array((record.jsonLine + "\n").utf8)) } else { console.out(record.jsonLine) }
            records.append(record)
        }
        driver.progress.finish(console: &console)
        try file?.close()
        if options.out != nil { console.out(SweepTable(records: records).text) }
        if records.count < items.count { throw Interrupted(detail: "after \(records.count) of \(items.count) runs") }
    }

    private func chosenPolicies(_ scenarios: [Scenario]) throws -> [String] {
        let names = options.policies ?? scenarios[0].policyNames
        for scenario in scenarios {
            for name in names where !scenario.policyNames.contains(name) { throw scenario.unknownPolicy(name) }
        }
        return names
    }

}
