import Engine
import Foundation
import Scenarios

/// `sim resume F [FILE]`: continues a checkpointed run.
struct ResumeCommand: Equatable {
    /// The checkpoint file.
    let checkpoint: String
    /// The scenario, when it moved since the checkpoint was written.
    let scenario: String?
    let progress: Bool

    init(_ tokens: ArgumentTokens) throws {
        guard let path = tokens.positionals.first else { throw CLIError.missingArgument("a checkpoint file F", command: "resume") }
        if tokens.positionals.count > 2 { throw CLIError.unexpectedArgument(tokens.positionals[2], command: "resume") }
        checkpoint = path
        scenario = tokens.positionals.count == 2 ? tokens.positionals[1] : nil
        progress = !tokens.has("--no-progress")
    }

    func execute(console: inout Console) throws {
        do {
            try resume(console: &console)
        } catch let error as CheckpointError {
            // Name the checkpoint file, as scenario errors name the scenario file.
            switch error {
            case .corrupt(let detail): throw CheckpointError.corrupt("\(checkpoint): \(detail)")
            case .mismatch(let detail): throw CheckpointError.mismatch("\(checkpoint): \(detail)")
            case .unsupported(let detail): throw CheckpointError.unsupported("\(checkpoint): \(detail)")
            }
        }
    }

    private func resume(console: inout Console) throws {
        var record = try RunCheckpoint.read(from: checkpoint)
        let file = scenario ?? record.scenarioPath
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw CheckpointError.mismatch("cannot read the scenario '\(file)' the checkpoint was written for; if it moved, run 'sim resume \(checkpoint) NEWPATH'")
        }
        guard SipHash.hash(bytes) == record.scenarioDigest else {
            throw CheckpointError.mismatch(file == record.scenarioPath
                ? "the scenario '\(file)' changed since the checkpoint was written; restore it or start the run again"
                : "'\(file)' is not the scenario '\(record.scenarioPath)' this checkpoint was written for (its contents differ)")
        }
        record.scenarioPath = file
        let options = try Self.options(record, file: file, checkpoint: checkpoint, progress: progress)
        let loaded = try Scenario.load(file: file, overrides: try options.overrides.map(Override.parse),
                                       selected: Set(record.policies))
        for policy in record.policies where !loaded.policyNames.contains(policy) {
            throw CheckpointError.mismatch("the scenario has no policy '\(policy)'")
        }
        try record.checkInputs(loaded)
        // The scenario, its data or the outputs may have changed since: check them again.
        try RunCommand(options: options).checkOutputs(loaded)
        var run = CheckpointedRun(command: RunCommand(options: options), scenario: loaded, seed: record.seed,
                                  policies: record.policies, path: checkpoint, every: options.checkpointEvery, record: record)
        try run.execute(console: &console)
    }

    /// The options of the original `sim run`, rebuilt from the checkpoint.
    static func options(_ record: RunCheckpoint, file: String, checkpoint: String, progress: Bool) throws -> RunOptions {
        var options = RunOptions(file: file)
        options.seed = record.seed
        options.overrides = record.overrides
        options.out = record.option("out")
        options.trace = record.option("trace")
        options.traceKinds = record.option("traceKinds").map { $0.split(separator: ",").map(String.init) }
        options.traceFormat = record.option("traceFormat")
        options.timing = record.option("timing") != "0"
        options.progress = progress && record.option("progress") != "0"
        options.plot = record.option("plot")
        options.csv = record.option("csv")
        options.plotSeries = record.option("plotSeries")
        options.checkpoint = checkpoint
        guard let text = record.option("every"), let every = Double(text), every > 0 else {
            throw CheckpointError.corrupt("no checkpoint interval recorded")
        }
        options.checkpointEvery = every
        return options
    }
}
