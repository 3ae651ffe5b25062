import Engine
import Scenarios

/// Parses, dispatches and maps errors to exit codes: 0 ok, 1 runtime failure, 2 usage or scenario
/// error, 130 / 143 after an orderly stop on SIGINT / SIGTERM.
/// Scenario errors are one line on stderr. Every non-zero exit first removes the temporary files
/// still registered in ``TemporaryFiles``.
enum CommandLineTool {
    static func main(_ arguments: [String], console: inout Console) -> Int32 {
        var status = dispatch(arguments, console: &console)
        if let failure = console.failure, status == 0 || status == Interrupt.exitStatus {
            // The output files are written; the console lost part of the report.
            console.err("Error: \(failure)")
            status = 1
        }
        if status != 0 { TemporaryFiles.removeAll() }
        return status
    }

    private static func dispatch(_ arguments: [String], console: inout Console) -> Int32 {
        do {
            let (arguments, dataFolder) = try DataOption.extract(arguments)
            if let dataFolder { DataOption.apply(dataFolder) }
            switch try Command.parse(arguments) {
            case .help(let topic):
                console.out(topic.flatMap(Usage.of) ?? Usage.tool)
            case .run(let options):
                try RunCommand(options: options).execute(console: &console)
            case .train(let options):
                try TrainCommand(options: options).execute(console: &console)
            case .validate(let files, let overrides):
                return try ValidateCommand(files: files, overrides: overrides).execute(console: &console) ? 0 : 2
            case .list(let what):
                ListCommand(what: what).execute(console: &console)
            case .compare(let options):
                try CompareCommand(options: options).execute(console: &console)
            case .step(let options):
                return try StepCommand.live(options).execute(console: &console) ? 0 : 2
            case .sweep(let options):
                try SweepCommand(options: options).execute(console: &console)
            case .merge(let files, let out, let csv):
                try MergeCommand(files: files, out: out, csv: csv).execute(console: &console)
            case .resume(let command):
                try command.execute(console: &console)
            case .plot(let command):
                try command.execute(console: &console)
            case .bench(let options):
                try BenchCommand(options: options).execute(console: &console)
            case .exploitability(let options):
                try ExploitabilityCommand(options: options).execute(console: &console)
            case .tables(let command):
                try command.execute(console: &console)
            case .tune(let options):
                try TuneCommand(options: options).execute(console: &console)
            }
            return 0
        } catch let error as CLIError {
            console.err("Error: \(error)")
            console.err(error.command.map(Usage.line) ?? "Run 'sim --help' for usage.")
            return 2
        } catch let interrupt as Interrupted {
            console.err("sim: \(interrupt)")
            return Interrupt.exitStatus
        } catch let error as ExternalPolicyError where error.interrupted {
            // Stopped while an external policy started or answered outside a run (its process is reaped).
            console.err("sim: \(Interrupted(detail: "while waiting for external policy '\(error.policy)'; no results were written"))")
            return Interrupt.exitStatus
        } catch let refusal as WorldRefusal {
            console.err("Error: \(refusal)")
            console.err("Run 'sim --help' for usage.")
            return 2
        } catch let error as CheckpointError {
            console.err("Error: \(error)")
            return 2
        } catch let error as ScenarioError {
            console.err("Error: \(error)")
            return 2
        } catch {
            console.err("Error: \(error)")
            return 1
        }
    }
}
