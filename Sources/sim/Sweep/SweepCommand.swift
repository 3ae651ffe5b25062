import Agents
import Engine
import Foundation
import Scenarios

/// `sim sweep`: runs the cartesian product of the `--set` axes × policies × seeds (or one `--shard`
/// of it) and writes the sweep's header line (``SweepIdentity``), then one JSON line per run; with
/// `--out`, the lines go to the file and the sweep table to standard output. An existing `--out` of
/// the same sweep and shard is resumed: its runs are skipped. With `--sbatch` it prints a Slurm
/// submission script (``BatchScript``) instead of running. With `--retrain` every run of a learned
/// policy deploys tables trained for it (``World/retrainedSession(policy:seed:metrics:)``).
struct SweepCommand {
    let options: SweepOptions
    /// The environment `--shard auto` reads.
    var environment = ProcessInfo.processInfo.environment

    init(options: SweepOptions) { self.options = options }

    func execute(console: inout Console) throws {
        let points = SweepPlan(axes: options.axes, policies: [], seeds: []).points
        // Every point is loaded and validated, so every shard fails alike on a bad point.
        let scenarios = try points.map {
            try Scenario.load(file: options.file, overrides: $0, selected: options.policies.map(Set.init))
        }
        let policies = try chosenPolicies(scenarios)
        if options.exploitability {
            for scenario in scenarios { for policy in policies { try scenario.world.checkExploitability(policy: policy) } }
        }
        let metrics = options.exploitability ? try exploitabilityMetrics(scenarios[0]) : try scenarios[0].metrics(chosen: options.metrics)
        let retrained = try scenarios.map { try retrainedWorld($0, policies: policies) }
        // A swept field may name another data file: no point's inputs may be overwritten.
        try OutputPathCheck.preflight(outputs: [("--out", options.out), ("--csv", options.csv)], inputs: scenarios.flatMap(\.inputFiles))
        let shard = try options.shard?.resolve(environment: environment)
        guard let bytes = FileManager.default.contents(atPath: options.file) else {
            throw ScenarioError.unreadable(file: options.file, reason: "it vanished while the sweep started")
        }
        let identity = SweepIdentity(scenario: scenarios[0].name, scenarioDigest: StateDigest.of(Array(bytes)), axes: options.axes,
                                     policies: policies, seeds: options.seeds, metrics: metrics,
                                     shard: shard.map { SweepIdentity.Shard(index: $0.index, count: $0.count) },
                                     retrain: options.retrain)
        if let batch = options.batch {
            let script = BatchScript(executable: Self.executablePath, scenario: Self.absolute(options.file), options: options,
                                     batch: batch, identity: identity, workingDirectory: FileManager.default.currentDirectoryPath,
                                     dataFolder: environment["SIM_DATA"].flatMap { $0.isEmpty ? nil : $0 })
            return console.out(try script.text())
        }
        try run(identity, scenarios: scenarios, retrained: retrained, points: points, console: &console)
    }

    /// With `--retrain`, the world of `scenario`, whose retrainable policies are retrained per run.
    /// - Throws: ``CLIError/conflict(_:)`` when no chosen policy is retrainable (``World/retrainablePolicyNames``).
    private func retrainedWorld(_ scenario: Scenario, policies: [String]) throws -> (any World)? {
        guard options.retrain else { return nil }
        let world = scenario.world
        guard policies.contains(where: world.retrainablePolicyNames.contains) else {
            throw CLIError.conflict("--retrain retrains learned policies (g-learn, alternating-marl, subsample-mfq) of tabular worlds; none of the swept policies is one")
        }
        return world
    }

    private func run(_ identity: SweepIdentity, scenarios: [Scenario], retrained: [(any World)?], points: [[Override]],
                     console: inout Console) throws {
        let items = identity.items
        Interrupt.install()
        var output: SweepOutput?, records: [SweepRecord] = []
        if let out = options.out {
            let (opened, done) = try SweepOutput.open(out, identity: identity)
            output = opened
            records = done
        } else {
            // Without --out the lines go through the console (one write per line, so a reader of a pipe sees whole lines).
            console.out(identity.headerLine)
        }
        defer { output?.close() }
        let done = Set(records.map(\.runKey))
        let todo = items.filter { !done.contains(SweepRecord(point: points[$0.point], policy: $0.policy, seed: $0.seed, metrics: []).runKey) }
        if let out = options.out, !records.isEmpty {
            console.err("\(out): \(records.count) of \(items.count) runs already written; running the other \(todo.count)")
        }
        var driver = SessionDriver(progress: ProgressLine(label: "sweep", total: todo.count,
                                                          enabled: ProgressLine.wanted(options.progress, console: console)))
        var finished = 0
        var measurement = ExploitabilityRuns(options: options, seeds: identity.seeds, metrics: identity.metrics)
        for item in todo {
            let record: SweepRecord
            if options.exploitability {
                if Interrupt.requested { break }
                let values = try measurement.metrics(scenarios[item.point], point: item.point, policy: item.policy, seed: item.seed)
                driver.progress.update(done: Double(finished + 1), console: &console)
                record = SweepRecord(point: points[item.point], policy: item.policy, seed: item.seed, metrics: values)
            } else {
                var session: any RunSession
                var trainingSeed: UInt64?
                if let world = retrained[item.point] {
                    (session, trainingSeed) = try world.retrainedSession(policy: item.policy, seed: item.seed, metrics: identity.metrics)
                } else {
                    session = try scenarios[item.point].world.makeSession(policy: item.policy, seed: item.seed, metrics: identity.metrics)
                }
                if try driver.runToEnd(&session, completedRuns: finished, console: &console) { break }
                let outcome = try session.finish()
                try outcome.checkFinite(policy: item.policy)
                record = SweepRecord(point: points[item.point], policy: item.policy, seed: item.seed,
                                     metrics: identity.metrics.map { ($0, outcome.value($0)) },
                                     episodes: identity.metrics.map { ($0, outcome.metric($0)?.values ?? []) }, trainingSeed: trainingSeed)
            }
            if output != nil { try output?.append(record.jsonLine) } else { console.out(record.jsonLine) }
            records.append(record)
            finished += 1
        }
        driver.progress.finish(console: &console)
        if options.out != nil { console.out(SweepTable(records: records).text) }
        if let csv = options.csv { try AtomicFile.write(SweepRecord.longTable(records, scenario: identity.scenario).csv, to: csv) }
        if records.count < items.count {
            let resume = options.out.map { "; the finished runs are in \($0): run the same command again to continue" } ?? ""
            throw Interrupted(detail: "after \(records.count) of \(items.count) runs" + resume)
        }
    }

    /// `--metrics` among the exploitability metrics of the scenario's world (default: all of them).
    private func exploitabilityMetrics(_ scenario: Scenario) throws -> [String] {
        let names = scenario.world.exploitabilityMetricNames
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

    /// This executable's absolute path (what a batch job runs).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardizedFileURL.path
    }
}
