import Scenarios

/// `sim train`: trains one learned policy of a scenario and writes its tables as a policy file, which a
/// `tabular` policy loads with `file:`. The per-iteration log goes
/// to stderr, one summary line to stdout; `--plot` draws the learning curves.
struct TrainCommand {
    let options: TrainOptions

    func execute(console: inout Console) throws {
        let overrides = try options.overrides.map(Override.parse)
        let scenario = try Scenario.load(file: options.file, overrides: overrides, selected: [options.policy])
        guard scenario.policyNames.contains(options.policy) else { throw scenario.unknownPolicy(options.policy) }
        try OutputPathCheck.preflight(outputs: [("--out", options.out)], inputs: scenario.inputFiles)
        Interrupt.install()
        let trained = try scenario.world.train(policy: options.policy, progress: { console.err("\(options.policy): " + $0) })
        // Training stops early on Ctrl-C; its tables are cut short, so nothing is written.
        if Interrupt.requested { throw Interrupted(detail: "while training \(options.policy); no policy file was written") }
        try AtomicFile.write(trained.rendered(), to: options.out)
        if let plot = options.plot {
            try AtomicFile.write(ChartPage.svg(TrainingChart.charts(trained.curves, policy: options.policy)), to: plot)
        }
        var summary = "trained \(options.policy) (\(trained.kind), k = \(trained.k), seed \(trained.seed)) in "
            + TextTable.format(trained.seconds, digits: 3) + " s"
        if let value = trained.value { summary += ", value \(TextTable.format(value))" }
        console.out(summary + " -> \(options.out)")
    }
}
