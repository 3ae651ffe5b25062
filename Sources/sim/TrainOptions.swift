/// The options of `sim train`.
struct TrainOptions: Equatable {
    var file: String
    var policy: String
    var out: String
    var overrides: [String] = []
    /// `--plot F.svg`: the learning curves.
    var plot: String?

    static let valued = ["--policy", "--out", "--set", "--plot"]
    static let flags: [String] = []

    init(file: String, policy: String, out: String) {
        self.file = file
        self.policy = policy
        self.out = out
    }

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "train") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "train") }
        guard let policy = tokens.last("--policy") else { throw CLIError.missingArgument("--policy NAME", command: "train") }
        guard let out = tokens.last("--out") else { throw CLIError.missingArgument("--out policy.json", command: "train") }
        self.init(file: file, policy: policy, out: out)
        overrides = tokens.all("--set")
        plot = tokens.last("--plot")
        try validate()
    }

    /// Cross-field checks.
    func validate() throws {
        if OutputPathCheck.isSame(out, file) { throw CLIError.conflict("output path '\(out)' is the scenario file itself; choose another path") }
        if out == "-" { throw CLIError.badValue(option: "--out", value: out, expected: "a file path (the policy is written atomically)") }
        if let plot {
            if OutputPathCheck.isSame(plot, file) { throw CLIError.conflict("--plot '\(plot)' is the scenario file itself; choose another path") }
            if OutputPathCheck.isSame(plot, out) { throw CLIError.conflict("--plot names the same file as --out: '\(plot)'") }
            if plot == "-" { throw CLIError.badValue(option: "--plot", value: plot, expected: "a file path (the SVG is written atomically)") }
        }
    }
}
