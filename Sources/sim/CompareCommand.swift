import Engine
import Scenarios

/// `sim compare`: runs every policy on every seed (same seeds, so common random numbers), prints the
/// mean ± 95% CI per policy and the paired difference against the first policy, and writes `--csv`,
/// `--json` and `--plot` on request.
struct CompareCommand {
    let options: CompareOptions

    func execute(console: inout Console) throws {
        let scenario = try Scenario.load(file: options.file, overrides: try options.overrides.map(Override.parse),
                                         selected: options.policies.map(Set.init))
        let policies = try chosenPolicies(scenario)
        let metrics = try scenario.metrics(chosen: options.metrics)
        try OutputPathCheck.preflight(outputs: [("--csv", options.csv), ("--json", options.json), ("--plot", options.plot)],
                                      inputs: scenario.inputFiles)
        Interrupt.install()
        var long = LongTable()
        let (comparison, interrupted) = try run(scenario, policies: policies, metrics: metrics, long: &long, console: &console)
        if interrupted && comparison.seeds.isEmpty { throw Interrupted(detail: "before the first seed finished") }
        console.out(CompareReport(comparison: comparison, header: scenario.header, world: scenario.world.kind,
                                  seedsText: interrupted ? nil : options.seedsText, steps: scenario.stepsPerEpisode).text)
        try writeOutputs(comparison, long: long)
        if interrupted { throw Interrupted(detail: "after \(comparison.seeds.count) of \(options.seeds.count) seeds") }
    }

    /// Runs seed by seed, every policy per seed, so an interrupt keeps only complete pairs.
    private func run(_ scenario: Scenario, policies: [String], metrics: [String], long: inout LongTable,
                     console: inout Console) throws -> (PolicyComparison, interrupted: Bool) {
        var driver = SessionDriver(progress: ProgressLine(label: "compare", total: options.seeds.count * policies.count,
                                                          enabled: ProgressLine.wanted(options.progress, console: console)))
        var values = [[[Double]]](repeating: [[Double]](repeating: [], count: policies.count), count: metrics.count)
        var finished: [UInt64] = []
        var interrupted = false
        let retrained = try retrainedWorld(scenario, policies: policies)
        var trainingSeeds = [[UInt64]](repeating: [], count: policies.count)
        seeds: for seed in options.seeds {
            var perSeed = [[Double]](repeating: [], count: metrics.count)
            var perSeedTraining = [UInt64?](repeating: nil, count: policies.count)
            var seedRows = LongTable()
            for (p, policy) in policies.enumerated() {
                var session: any RunSession
                if let retrained {
                    (session, perSeedTraining[p]) = try retrained.retrainedSession(policy: policy, seed: seed, metrics: metrics)
                } else {
                    session = try scenario.world.makeSession(policy: policy, seed: seed, metrics: metrics)
                }
                let done = finished.count * policies.count + perSeed[0].count
                if try driver.runToEnd(&session, completedRuns: done, console: &console) { interrupted = true; break seeds }
                let outcome = try session.finish()
                try outcome.checkFinite(policy: policy)
                for (m, metric) in metrics.enumerated() { perSeed[m].append(outcome.value(metric)) }
                seedRows.add(scenario: scenario.name, policy: policy, seed: seed, metrics: outcome.metrics)
            }
            // Like the comparison, the long rows keep complete seeds only.
            for row in seedRows.rows { long.append(row) }
            for m in metrics.indices { for p in policies.indices { values[m][p].append(perSeed[m][p]) } }
            for p in policies.indices { if let t = perSeedTraining[p] { trainingSeeds[p].append(t) } }
            finished.append(seed)
        }
        driver.progress.finish(console: &console)
        var comparison = PolicyComparison(scenario: scenario.name, seeds: finished, policies: policies, metrics: metrics, values: values)
        comparison.trainingSeeds = policies.indices.filter { !trainingSeeds[$0].isEmpty }.map { (policies[$0], trainingSeeds[$0]) }
        return (comparison, interrupted)
    }

    /// With `--retrain`, the scenario's world, whose retrainable policies are retrained per seed.
    /// - Throws: ``CLIError/conflict(_:)`` when no chosen policy is retrainable (``World/retrainablePolicyNames``).
    private func retrainedWorld(_ scenario: Scenario, policies: [String]) throws -> (any World)? {
        guard options.retrain else { return nil }
        let world = scenario.world
        guard policies.contains(where: world.retrainablePolicyNames.contains) else {
            throw CLIError.conflict("--retrain retrains learned policies (g-learn, alternating-marl, subsample-mfq) of tabular worlds; none of the compared policies is one")
        }
        return world
    }

    private func writeOutputs(_ comparison: PolicyComparison, long: LongTable) throws {
        if let path = options.csv { try AtomicFile.write(options.csvLong ? long.csv : comparison.csv, to: path) }
        if let path = options.json { try AtomicFile.write(comparison.document.rendered() + "\n", to: path) }
        if let path = options.plot { try AtomicFile.write(ChartPage.svg(ComparisonChart.charts(comparison)), to: path) }
    }

    private func chosenPolicies(_ scenario: Scenario) throws -> [String] {
        guard let names = options.policies else { return scenario.policyNames }
        for name in names where !scenario.policyNames.contains(name) { throw scenario.unknownPolicy(name) }
        return names
    }

}
