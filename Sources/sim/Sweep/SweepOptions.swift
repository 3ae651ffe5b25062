import Scenarios

/// The options of `sim sweep`.
struct SweepOptions: Equatable {
    var file: String
    /// `--set path=v1,v2,…` axes, in command-line order.
    var axes: [SweepAxis] = []
    var seeds: [UInt64] = Array(1...10)
    var policies: [String]?
    var metrics: [String]?
    /// `--shard i/N` as (i, N), 1-based.
    var shard: (index: Int, count: Int)?
    var out: String?
    var progress = true
    /// `--exploitability`: each line holds the exploitability metrics of the (point, policy, seed).
    var exploitability = false
    /// `--ghost-pairs`, `--estimation-episodes`, `--resolution` (with `--exploitability`).
    var ghostPairs: Int?, estimationEpisodes: Int?, resolution: Int?

    static let valued = ["--set", "--seeds", "--policies", "--metrics", "--shard", "--out",
                         "--ghost-pairs", "--estimation-episodes", "--resolution"]
    static let flags = ["--no-progress", "--exploitability"]

    init(file: String) { self.file = file }

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "sweep") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "sweep") }
        self.file = file
        axes = try tokens.all("--set").map(SweepAxis.parse)
        if let text = tokens.last("--seeds") { seeds = try SeedList.parse(text) }
        policies = try tokens.last("--policies").map { try CompareOptions.names($0, option: "--policies") }
        metrics = try tokens.last("--metrics").map { try CompareOptions.names($0, option: "--metrics") }
        shard = try tokens.last("--shard").map(Self.shard)
        out = tokens.last("--out")
        progress = !tokens.has("--no-progress")
        exploitability = tokens.has("--exploitability")
        ghostPairs = try tokens.last("--ghost-pairs").map { try ExploitabilityOptions.count($0, option: "--ghost-pairs", upTo: 1_000_000) }
        estimationEpisodes = try tokens.last("--estimation-episodes").map { try ExploitabilityOptions.count($0, option: "--estimation-episodes", upTo: 10_000_000) }
        resolution = try tokens.last("--resolution").map { try ExploitabilityOptions.count($0, option: "--resolution", upTo: 1_000) }
        if !exploitability, let tuned = ["--ghost-pairs", "--estimation-episodes", "--resolution"].first(where: { tokens.last($0) != nil }) {
            throw CLIError.conflict("\(tuned) tunes the exploitability measurement; add --exploitability")
        }
        if let out, OutputPathCheck.isSame(out, file) { throw CLIError.conflict("output path '\(out)' is the scenario file itself; choose another path") }
        let paths = axes.map(\.path)
        if let repeated = paths.enumerated().first(where: { paths[..<$0.offset].contains($0.element) })?.element {
            throw CLIError.conflict("--set \(repeated) is given twice; list all its values in one --set \(repeated)=a,b,c")
        }
    }

    /// Parses `i/N` with 1 <= i <= N.
    static func shard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw CLIError.badValue(option: "--shard", value: text, expected: "i/N with 1 <= i <= N, e.g. 2/8")
        }
        return (i, n)
    }

    static func == (a: SweepOptions, b: SweepOptions) -> Bool {
        a.file == b.file && a.axes == b.axes && a.seeds == b.seeds && a.policies == b.policies && a.metrics == b.metrics
            && a.shard?.index == b.shard?.index && a.shard?.count == b.shard?.count && a.out == b.out && a.progress == b.progress
            && a.exploitability == b.exploitability && a.ghostPairs == b.ghostPairs
            && a.estimationEpisodes == b.estimationEpisodes && a.resolution == b.resolution
    }
}
