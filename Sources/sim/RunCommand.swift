import Foundation
import Engine
import Scenarios

/// `sim run`: runs each chosen policy under one seed, prints the metric table, writes `--out` and
/// `--trace`.
struct RunCommand {
    let options: RunOptions

    func execute(console: inout Console) throws {
        let overrides = try options.overrides.map(Override.parse)
        let scenario = try Scenario.load(file: options.file, overrides: overrides, selected: options.policy.map { [$0] })
        let seed = options.seed ?? scenario.seed
        let policies = try chosenPolicies(scenario)
        try checkOutputs(scenario)
        if let checkpoint = options.checkpoint {
            if options.trace != nil && policies.count > 1 {
                throw CLIError.conflict("--trace with --checkpoint needs --policy: this scenario has \(policies.count) policies "
                                        + "(\(policies.joined(separator: ", "))); a checkpointed trace covers one run")
            }
            var run = try CheckpointedRun(command: self, scenario: scenario, seed: seed, policies: policies, path: checkpoint)
            return try run.execute(console: &console)
        }
        var results: [(policy: String, outcome: RunOutcome)] = []
        Interrupt.install()
        var cutInTraining: String?
        var driver = SessionDriver(progress: ProgressLine(label: "run", total: policies.count,
                                                          enabled: ProgressLine.wanted(options.progress, console: console)))
        // Several policies share one trace, each line tagged with its policy; one policy's trace is untagged.
        let sharedTrace = try options.trace.map { PolicyTraceSink.Destination(try traceSink($0)) }
        for policy in policies {
            var session = try scenario.makeSession(policy: policy, seed: seed)
            session.setPopulationThreads(options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
            // Learned policies train inside makeSession; their per-iteration log goes to stderr.
            for line in scenario.world.trainingLog(policy: policy) ?? [] {
                console.err("\(policy): \(line)")
            }
            // Training polls Ctrl-C and returns early; a policy cut short in training is not run.
            if Interrupt.requested { cutInTraining = policy; break }
            if let sharedTrace {
                let sink: any TraceSink = policies.count > 1 ? PolicyTraceSink(destination: sharedTrace, policy: policy) : sharedTrace.sink
                session.attachTrace(sink, filter: try traceFilter(scenario))
            }
            let interrupted = try driver.runToEnd(&session, completedRuns: results.count, console: &console)
            // The trace and the results are finished even after an interrupt: partial but well-formed.
            // One policy's trace closes here; a shared one after the last policy.
            _ = try session.detachTrace()
            let outcome = try session.finish()
            try outcome.checkFinite(policy: policy)
            results.append((policy, outcome))
            if interrupted { break }
        }
        if policies.count > 1 { try sharedTrace?.finish() }
        driver.progress.finish(console: &console)
        try writeOutputs(scenario, seed: seed, results: results, cutInTraining: cutInTraining, console: &console)
    }

    /// Prints the report and writes `--out` and `--plot` (atomically); throws ``Interrupted`` when the
    /// last run was cut short, or when Ctrl-C stopped the training of `cutInTraining`.
    ///
    /// After Ctrl-C the results are partial: a run cut short keeps only the episodes it completed (its
    /// `--out` document says `"partial": true`), and a policy stopped while training is left out. With
    /// no run to report, no results file is written.
    func writeOutputs(_ scenario: Scenario, seed: UInt64, results: [(policy: String, outcome: RunOutcome)],
                      cutInTraining: String? = nil, console: inout Console) throws {
        if let policy = cutInTraining, results.isEmpty {
            throw Interrupted(detail: "while training \(policy); no results were written")
        }
        // A trace on standard output keeps stdout machine-readable: the report goes to stderr then.
        if options.trace == "-" { console.err(report(scenario, seed: seed, results: results)) } else { console.out(report(scenario, seed: seed, results: results)) }
        if let out = options.out {
            let documents = results.map {
                ResultsDocument.run(scenario: scenario.name, seed: seed, policy: $0.policy, outcome: $0.outcome, timing: options.timing)
            }
            try AtomicFile.write((documents.count == 1 ? documents[0] : .array(documents)).rendered() + "\n", to: out)
        }
        if let csv = options.csv {
            var table = LongTable()
            for (policy, outcome) in results {
                table.add(scenario: scenario.name, policy: policy, seed: seed, metrics: outcome.metrics)
            }
            try AtomicFile.write(table.csv, to: csv)
        }
        if let plot = options.plot {
            try AtomicFile.write(ChartPage.svg([try RunChart.chart(scenario: scenario.name, series: options.plotSeries, runs: results,
                                                                  episodeLength: Double(scenario.stepsPerEpisode),
                                                                  axis: scenario.world.seriesAxis)]), to: plot)
        }
        if let policy = cutInTraining {
            throw Interrupted(detail: "while training \(policy); the results above are complete runs of the policies before it")
        }
        if let last = results.last?.outcome, last.stopped {
            throw Interrupted(detail: "at t=\(JSONText.number(last.simulatedTime)) of \(results.last!.policy); the results above are partial: "
                              + "the episodes completed before the interrupt (the interrupted one is left out)")
        }
    }

    /// Refuses, before anything runs or trains (exit 2), outputs that name an input of the scenario or
    /// cannot be written, a `--plot-series` the world does not record, and a checkpointed trace that is
    /// not a regular file (a device or pipe cannot be cut back to a checkpoint).
    func checkOutputs(_ scenario: Scenario) throws {
        try OutputPathCheck.preflight(outputs: [("--out", options.out), ("--trace", options.trace), ("--plot", options.plot), ("--csv", options.csv),
                                                ("--checkpoint", options.checkpoint)], inputs: scenario.inputFiles)
        if options.plot != nil, let chosen = options.plotSeries, let names = scenario.world.seriesNames, !names.contains(chosen) {
            throw CLIError.badValue(option: "--plot-series", value: chosen, expected: "a per-step series of this world (\(names.joined(separator: ", ")))")
        }
        if options.checkpoint != nil, let trace = options.trace, case .writeThrough = OutputDestination.of(trace) {
            throw CLIError.conflict("--trace '\(trace)' is not a regular file, so it cannot be resumed after a checkpoint; write the trace to a file")
        }
    }

    func chosenPolicies(_ scenario: Scenario) throws -> [String] {
        guard let policy = options.policy else { return scenario.policyNames }
        guard scenario.policyNames.contains(policy) else { throw scenario.unknownPolicy(policy) }
        return [policy]
    }

    func traceFilter(_ scenario: Scenario) throws -> TraceFilter {
        var filter = scenario.outputs.traceFilter
        if let kinds = options.traceKinds {
            let known = scenario.world.eventKinds.map(\.name)
            for kind in kinds where !known.contains(kind) {
                let guess = EditDistance.suggestion(for: kind, among: known).map { "did you mean '\($0)'?" } ?? "known: " + known.joined(separator: ", ")
                throw CLIError.badValue(option: "--trace-kinds", value: kind, expected: "an event kind of this world (\(guess))")
            }
            filter.kinds = Set(kinds)
        }
        return filter
    }

    func traceSink(_ target: String) throws -> any TraceSink {
        let output = target == "-" ? FileOutput.standardOutput() : try FileOutput.file(target)
        if (options.traceFormat ?? "jsonl") == "text" { return TextTraceWriter(output: output) }
        return JSONLinesTraceWriter(output: output)
    }

    private func report(_ scenario: Scenario, seed: UInt64, results: [(policy: String, outcome: RunOutcome)]) -> String {
        let header = scenario.header
        var lines = ["\(scenario.name): world \(scenario.world.kind), seed \(seed), \(header.episodes) episode(s) x \(scenario.stepsPerEpisode) steps"]
        var table = TextTable(["policy", "metric", "mean", "std", "min", "max", "n"], textColumns: 2)
        for (policy, outcome) in results {
            for (name, stats) in outcome.metrics {
                // No observation: no statistic (a count-0 summary holds mean 0, min inf, max -inf).
                let values = stats.count > 0 ? [stats.mean, stats.standardDeviation, stats.min, stats.max] : [Double](repeating: .nan, count: 4)
                table.add([policy, name] + values.map { TextTable.format($0) } + [String(stats.count)])
            }
        }
        lines.append(table.rendered)
        for (policy, outcome) in results {
            lines.append("\(policy): \(outcome.events) events, simulated time \(JSONText.number(outcome.simulatedTime)), "
                         + TextTable.format(outcome.wallSeconds, digits: 3) + " s" + (outcome.stopped ? " (interrupted: partial)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
