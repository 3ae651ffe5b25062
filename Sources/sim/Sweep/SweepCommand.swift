import Agents
import Foundation
import Engine
import Scenarios

/// `sim sweep`: runs the cartesian product of the `--set` axes × policies × seeds (or one `--shard`
/// of it) and writes one JSON line per run; with `--out`, the
/// lines go to the file and the sweep table to standard output.
struct SweepCommand {
    let options: SweepOptions

    func execute(console: inout Console) throws {
        let points = SweepPlan(axes: options.axes, policies: [], seeds: []).points
        // Every point is loaded and validated, so every shard fails alike on a bad point.
        let scenarios = try points.map { try Scenario.load(file: options.file, overrides: $0) }
        let policies = try chosenPolicies(scenarios)
        let metrics = options.exploitability ? try exploitabilityMetrics() : try scenarios[0].metrics(chosen: options.metrics)
        if options.exploitability { for scenario in scenarios { _ = try ExploitabilityCommand.tabularWorld(scenario) } }
        var prepared: [String: PreparedExploitability] = [:]
        var measurementOptions = TabularExploitability.Options()
        if let pairs = options.ghostPairs { measurementOptions.ghostPairs = pairs }
        if let episodes = options.estimationEpisodes { measurementOptions.estimationEpisodes = episodes }
        measurementOptions.resolution = options.resolution
        measurementOptions.threads = ProcessInfo.processInfo.activeProcessorCount
        let plan = SweepPlan(axes: options.axes, policies: policies, seeds: options.seeds)
        let items = options.shard.map { plan.items(shard: $0.index, of: $0.count) } ?? plan.items
        Interrupt.install()
        // Without --out the lines go through the console (one write per line, so a reader of a pipe sees whole lines).
        var file = try options.out.map(FileOutput.file)
        var driver = SessionDriver(progress: ProgressLine(label: "sweep", total: items.count,
                                                          enabled: ProgressLine.wanted(options.progress, console: console)))
        var records: [SweepRecord] = []
        for item in items {
            let values: [(String, Double)]
            if options.exploitability {
                if Interrupt.requested { break }
                let key = "\(item.point)/\(item.policy)"
                if prepared[key] == nil {
                    let world = try ExploitabilityCommand.tabularWorld(scenarios[item.point])
                    prepared[key] = try world.preparedExploitability(policy: item.policy, allSeeds: options.seeds,
                                                                     options: measurementOptions)
                }
                let report = try prepared[key]!.evaluate(seeds: [item.seed])
                values = report.sweepMetrics(seedIndex: 0).filter { metrics.contains($0.name) }.map { ($0.name, $0.value) }
                driver.progress.update(done: Double(records.count + 1), console: &console)
            } else {
                var session = try scenarios[item.point].world.makeSession(policy: item.policy, seed: item.seed, metrics: metrics)
                if try driver.runToEnd(&session, completedRuns: records.count, console: &console) { break }
                let outcome = try session.finish()
                values = metrics.map { ($0, outcome.metric($0)?.mean ?? .nan) }
            }
            let record = SweepRecord(point: points[item.point], policy: item.policy, seed: item.seed, metrics: values)
            if file != nil { try file?.write(Array((record.jsonLine + "\n").utf8)) } else { console.out(record.jsonLine) }
            records.append(record)
        }
        driver.progress.finish(console: &console)
        try file?.close()
        if options.out != nil { console.out(SweepTable(records: records).text) }
        if records.count < items.count { throw Interrupted(detail: "after \(records.count) of \(items.count) runs") }
    }

    /// `--metrics` among the exploitability metrics (default: all of them).
    private func exploitabilityMetrics() throws -> [String] {
        let names = TabularExploitabilityReport.sweepMetricNames
        for name in options.metrics ?? [] where !names.contains(name) {
            throw CLIError.badValue(option: "--metrics", value: name, expected: "with --exploitability, some of " + names.joined(separator: ", "))
        }
        return options.metrics ?? names
    }

    private func chosenPolicies(_ scenarios: [Scenario]) throws -> [String] {
        let names = options.policies ?? scenarios[0].policyNames
        for scenario in scenarios {
            for name in names where !scenario.policyNames.contains(name) { throw scenario.unknownPolicy(name) }
        }
        return names
    }

}
