import Engine
import Scenarios

/// Parses, dispatches and maps errors to exit codes: 0 ok, 1 runtime failure, 2 usage or scenario
/// error (DESIGN.md "The command-line tool"). Scenario errors are one line on stderr.
enum CommandLineTool {
    static func main(_ arguments: [String], console: inout Console) -> Int32 {
        var status = dispatch(arguments, console: &console)
        // Whatever ended the command, no temporary file stays behind (those a checkpoint still
        // needs were handed over to it).
        TemporaryFiles.removeAll()
        if let failure = console.failure, status == 0 || status == 130 {
            // The output files are written; the console lost part of the report.
            console.err("Error: \(failure)")
            status = 1
        }
        return status
    }

    private static func dispatch(_ arguments: [String], console: inout Console) -> Int32 {
        do {
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
            case .merge(let files, let out):
                try MergeCommand(files: files, out: out).execute(console: &console)
            case .resume(let command):
                try command.execute(console: &console)
            case .plot(let command):
                try command.execute(console: &console)
            case .bench(let options):
                try BenchCommand(options: options).execute(console: &console)
            }
            return 0
        } catch let error as CLIError {
            console.err("Error: \(error)")
            console.err(error.command.map(Usage.line) ?? "Run 'sim --help' for usage.")
            return 2
        } catch let interrupt as Interrupted {
            console.err("sim: \(interrupt)")
            return 130
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
