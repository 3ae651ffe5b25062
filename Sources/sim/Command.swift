import Scenarios

/// A parsed command line.
enum Command: Equatable {
    case run(RunOptions)
    case resume(ResumeCommand)
    case train(TrainOptions)
    case validate(files: [String], overrides: [String])
    case list(String)
    case help(String?)
    case compare(CompareOptions)
    case step(StepOptions)
    case sweep(SweepOptions)
    case merge(files: [String], out: String?, csv: String? = nil)
    case plot(PlotCommand)
    case bench(BenchOptions)
    case tune(TuneOptions)
    case tables(TablesCommand)

    static let names = ["run", "train", "validate", "list", "help", "compare", "step", "sweep", "merge", "plot", "bench", "resume", "tables", "tune"]

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws -> Command {
        guard let first = arguments.first else { return .help(nil) }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help": return .help(nil)
        case "help":
            if let topic = rest.first, Usage.of(topic) == nil {
                throw CLIError.unknownCommand(topic, suggestion: EditDistance.suggestion(for: topic, among: names))
            }
            return .help(rest.first)
        case "run":
            let tokens = try ArgumentTokens(rest, command: "run", valued: RunOptions.valued, flags: RunOptions.flags)
            if tokens.has("--help") { return .help("run") }
            return .run(try RunOptions(tokens))
        case "train":
            let tokens = try ArgumentTokens(rest, command: "train", valued: TrainOptions.valued, flags: TrainOptions.flags)
            if tokens.has("--help") { return .help("train") }
            return .train(try TrainOptions(tokens))
        case "validate":
            let tokens = try ArgumentTokens(rest, command: "validate", valued: ["--set"], flags: [])
            if tokens.has("--help") { return .help("validate") }
            guard !tokens.positionals.isEmpty else { throw CLIError.missingArgument("at least one FILE", command: "validate") }
            return .validate(files: tokens.positionals, overrides: tokens.all("--set"))
        case "list":
            let tokens = try ArgumentTokens(rest, command: "list", valued: [], flags: [])
            if tokens.has("--help") { return .help("list") }
            guard let what = tokens.positionals.first else { throw CLIError.missingArgument("worlds or policies", command: "list") }
            guard ["worlds", "policies"].contains(what), tokens.positionals.count == 1 else {
                throw CLIError.unexpectedArgument(tokens.positionals.last!, command: "list")
            }
            return .list(what)
        case "compare":
            let tokens = try ArgumentTokens(rest, command: "compare", valued: CompareOptions.valued, flags: CompareOptions.flags)
            if tokens.has("--help") { return .help("compare") }
            return .compare(try CompareOptions(tokens))
        case "step":
            let tokens = try ArgumentTokens(rest, command: "step", valued: StepOptions.valued, flags: StepOptions.flags)
            if tokens.has("--help") { return .help("step") }
            return .step(try StepOptions(tokens))
        case "sweep":
            let tokens = try ArgumentTokens(rest, command: "sweep", valued: SweepOptions.valued, flags: SweepOptions.flags)
            if tokens.has("--help") { return .help("sweep") }
            return .sweep(try SweepOptions(tokens))
        case "merge":
            let tokens = try ArgumentTokens(rest, command: "merge", valued: MergeCommand.valued, flags: [])
            if tokens.has("--help") { return .help("merge") }
            guard !tokens.positionals.isEmpty else { throw CLIError.missingArgument("at least one sweep output FILE", command: "merge") }
            return .merge(files: tokens.positionals, out: tokens.last("--out"), csv: tokens.last("--csv"))
        case "resume":
            let tokens = try ArgumentTokens(rest, command: "resume", valued: [], flags: ["--no-progress"])
            if tokens.has("--help") { return .help("resume") }
            return .resume(try ResumeCommand(tokens))
        case "plot":
            let tokens = try ArgumentTokens(rest, command: "plot", valued: PlotCommand.valued, flags: [])
            if tokens.has("--help") { return .help("plot") }
            return .plot(try PlotCommand(tokens))
        case "bench":
            let tokens = try ArgumentTokens(rest, command: "bench", valued: BenchOptions.valued, flags: BenchOptions.flags)
            if tokens.has("--help") { return .help("bench") }
            return .bench(try BenchOptions(tokens))
        case "tune":
            let tokens = try ArgumentTokens(rest, command: "tune", valued: TuneOptions.valued, flags: TuneOptions.flags)
            if tokens.has("--help") { return .help("tune") }
            return .tune(try TuneOptions(tokens))
        case "tables":
            let tokens = try ArgumentTokens(rest, command: "tables", valued: TablesCommand.valued, flags: [])
            if tokens.has("--help") { return .help("tables") }
            return .tables(try TablesCommand(tokens))
        default:
            throw CLIError.unknownCommand(first, suggestion: EditDistance.suggestion(for: first, among: names))
        }
    }
}
