import Scenarios

/// The options of `sim tune`: one policy, a grid of field values, the tuning data (`--on`), seeds and
/// the metric to minimise (or maximise, by the metric's direction).
struct TuneOptions: Equatable {
    var file: String
    var policy: String
    /// (path, values) per `--grid path=v1,v2,…`, in the order given; a path without a dot is a key of
    /// the policy (`gamma` means `policies.P.gamma`).
    var grid: [(path: String, values: [String])]
    /// `--on path=value` overrides that select the tuning data (another window, the start of the series).
    var on: [String]
    var overrides: [String] = []
    var seeds: [UInt64] = Array(1...10)
    var metric = "mixtureRMSE"
    var out: String?
    var progress = true

    static let valued = ["--policy", "--grid", "--on", "--set", "--seeds", "--metric", "--out"]
    static let flags = ["--no-progress"]

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "tune") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "tune") }
        guard let policy = tokens.last("--policy") else { throw CLIError.missingValue(option: "--policy", command: "tune") }
        self.file = file
        self.policy = policy
        grid = try tokens.all("--grid").map { text in
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                throw CLIError.badValue(option: "--grid", value: text, expected: "path=v1,v2,…")
            }
            let path = String(text[..<eq])
            let values = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.contains(where: \.isEmpty) else {
                throw CLIError.badValue(option: "--grid", value: text, expected: "a comma-separated list of values")
            }
            return (path.contains(".") ? path : "policies.\(policy).\(path)", values)
        }
        guard !grid.isEmpty else { throw CLIError.missingValue(option: "--grid", command: "tune") }
        on = tokens.all("--on")
        guard !on.isEmpty else { throw CLIError.missingValue(option: "--on", command: "tune") }
        overrides = tokens.all("--set")
        if let text = tokens.last("--seeds") { seeds = try SeedList.parse(text) }
        metric = tokens.last("--metric") ?? metric
        out = tokens.last("--out")
        progress = !tokens.has("--no-progress")
        if let out, OutputPathCheck.isSame(out, file) {
            throw CLIError.conflict("--out '\(out)' is the scenario file itself; choose another path")
        }
    }

    /// Every combination of the grid's values, the first grid varying slowest.
    var points: [[(path: String, value: String)]] {
        grid.reduce([[]]) { partial, axis in partial.flatMap { prefix in axis.values.map { prefix + [(axis.path, $0)] } } }
    }

    static func == (a: TuneOptions, b: TuneOptions) -> Bool {
        a.file == b.file && a.policy == b.policy && a.grid.map(\.path) == b.grid.map(\.path)
            && a.grid.map(\.values) == b.grid.map(\.values) && a.on == b.on && a.overrides == b.overrides
            && a.seeds == b.seeds && a.metric == b.metric && a.out == b.out && a.progress == b.progress
    }
}
