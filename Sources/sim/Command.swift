import Scenarios

/// A parsed command line (STYLE.md 14: parsing is a pure function, tested in-process).
enum Command: Equatable {
    case run(RunOptions)
    case train(TrainOptions)
    case validate(files: [String], overrides: [String])
    case list(String)
    case help(String?)

    static let names = ["run", "train", "validate", "list", "help"]

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
        default:
            throw CLIError.unknownCommand(first, suggestion: EditDistance.suggestion(for: first, among: names))
        }
    }
}
