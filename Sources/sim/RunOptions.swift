/// The options of `sim run` with their defaults and cross-checks.
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
    /// `--csv F`: every metric's value in every episode, one row each (``LongTable``).
    var csv: String?
    /// Threads for population stepping; nil uses every active core (results are identical).
    var threads: Int?
    /// `--checkpoint F`: write the run's state to F periodically (and on Ctrl-C); `sim resume F` continues.
    var checkpoint: String?
    /// `--checkpoint-every T`: simulated time between checkpoints (default: one episode).
    var checkpointEvery: Double?

    static let valued = ["--seed", "--policy", "--set", "--out", "--trace", "--trace-kinds", "--trace-format", "--plot", "--plot-series", "--csv",
                         "--threads", "--checkpoint", "--checkpoint-every"]
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
        csv = tokens.last("--csv")
        if let text = tokens.last("--threads") { threads = try BenchOptions.threads(text) }
        checkpoint = tokens.last("--checkpoint")
        if let text = tokens.last("--checkpoint-every") {
            guard let every = Double(text), every.isFinite, every > 0 else {
                throw CLIError.badValue(option: "--checkpoint-every", value: text, expected: "a positive simulated time")
            }
            checkpointEvery = every
        }
        try validate()
    }

    /// Cross-field checks.
    func validate() throws {
        for output in [out, trace, plot, checkpoint, csv].compactMap({ $0 }) where output != "-" && OutputPathCheck.isSame(output, file) {
            throw CLIError.conflict("output path '\(output)' is the scenario file itself; choose another path")
        }
        if let out, out == trace { throw CLIError.conflict("--out and --trace both name '\(out)'") }
        if let plot, plot == out || plot == trace { throw CLIError.conflict("--plot names the same file as --out or --trace: '\(plot)'") }
        if let csv, [out, trace, plot, checkpoint].contains(csv) {
            throw CLIError.conflict("--csv names the same file as another output: '\(csv)'")
        }
        if checkpointEvery != nil && checkpoint == nil { throw CLIError.conflict("--checkpoint-every needs --checkpoint FILE") }
        if let checkpoint {
            if [file, out, trace, plot].contains(checkpoint) {
                throw CLIError.conflict("--checkpoint '\(checkpoint)' names the scenario or another output; choose its own path")
            }
            if trace == "-" {
                throw CLIError.conflict("--trace - cannot be resumed byte for byte after a checkpoint; write the trace to a file")
            }
        }
    }
}
