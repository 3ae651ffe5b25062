/// The options of `sim run` with their defaults and cross-checks (STYLE.md 14).
struct RunOptions: Equatable {
    var file: String
    var seed: UInt64?
    var policy: String?
    var overrides: [String] = []
    var out: String?
    var trace: String?
    var traceKinds: [String]?
    var traceFormat: String?
    var timing = true
    var progress = true
    var plot: String?
    var plotSeries: String?

    static let valued = ["--seed", "--policy", "--set", "--out", "--trace", "--trace-kinds", "--trace-format", "--plot", "--plot-series"]
    static let flags = ["--no-timing", "--no-progress"]

    init(file: String) { self.file = file }

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "run") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "run") }
        self.file = file
        if let text = tokens.last("--seed") {
            guard let value = UInt64(text), value <= 1 << 53 else {
                throw CLIError.badValue(option: "--seed", value: text, expected: "an integer in 0...2^53")
            }
            seed = value
        }
        policy = tokens.last("--policy")
        overrides = tokens.all("--set")
        out = tokens.last("--out")
        trace = tokens.last("--trace")
        traceKinds = tokens.last("--trace-kinds").map { $0.split(separator: ",").map(String.init) }
        if let format = tokens.last("--trace-format") {
            guard ["jsonl", "text"].contains(format) else {
                throw CLIError.badValue(option: "--trace-format", value: format, expected: "jsonl or text")
            }
            traceFormat = format
        }
        timing = !tokens.has("--no-timing")
        progress = !tokens.has("--no-progress")
        plot = tokens.last("--plot")
        plotSeries = tokens.last("--plot-series")
        try validate()
    }

    /// Cross-field checks.
    func validate() throws {
        for output in [out, trace, plot].compactMap({ $0 }) where output != "-" && output == file {
            throw CLIError.conflict("output path '\(output)' is the scenario file itself; choose another path")
        }
        if let out, out == trace { throw CLIError.conflict("--out and --trace both name '\(out)'") }
        if let plot, plot == out || plot == trace { throw CLIError.conflict("--plot names the same file as --out or --trace: '\(plot)'") }
    }
}
