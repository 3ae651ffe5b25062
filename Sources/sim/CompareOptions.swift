/// The options of `sim compare` with their defaults and cross-checks.
struct CompareOptions: Equatable {
    var file: String
    var policies: [String]?
    var seeds: [UInt64] = Array(1...10)
    /// `--seeds` as typed, for the report header.
    var seedsText = "1..10"
    var metrics: [String]?
    var overrides: [String] = []
    var csv: String?
    /// `--csv-format summary|long`: one row per (metric, policy) with its interval (the default), or
    /// every metric's value in every episode of every seed (``LongTable``).
    var csvLong = false
    var json: String?
    var plot: String?
    var progress = true
    /// `--retrain`: train each learned policy once per evaluation seed, under a derived training seed.
    var retrain = false

    static let valued = ["--policies", "--seeds", "--metrics", "--set", "--csv", "--csv-format", "--json", "--plot"]
    static let flags = ["--no-progress", "--retrain"]

    init(file: String) { self.file = file }

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "compare") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "compare") }
        self.file = file
        policies = try tokens.last("--policies").map { try Self.names($0, option: "--policies") }
        metrics = try tokens.last("--metrics").map { try Self.names($0, option: "--metrics") }
        if let text = tokens.last("--seeds") {
            seeds = try SeedList.parse(text)
            seedsText = text
        }
        overrides = tokens.all("--set")
        csv = tokens.last("--csv")
        if let format = tokens.last("--csv-format") {
            guard ["summary", "long"].contains(format) else {
                throw CLIError.badValue(option: "--csv-format", value: format, expected: "summary or long")
            }
            guard csv != nil else { throw CLIError.conflict("--csv-format needs --csv FILE") }
            csvLong = format == "long"
        }
        json = tokens.last("--json")
        plot = tokens.last("--plot")
        progress = !tokens.has("--no-progress")
        retrain = tokens.has("--retrain")
        try validate()
    }

    /// Cross-field checks: outputs are distinct and none is the scenario itself.
    func validate() throws {
        let outputs = [csv, json, plot].compactMap { $0 }
        for output in outputs where OutputPathCheck.isSame(output, file) {
            throw CLIError.conflict("output path '\(output)' is the scenario file itself; choose another path")
        }
        if Set(outputs).count < outputs.count { throw CLIError.conflict("--csv, --json and --plot must name different files") }
    }

    /// A comma-separated list of distinct, non-empty names.
    static func names(_ text: String, option: String) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !names.contains(where: \.isEmpty), Set(names).count == names.count else {
            throw CLIError.badValue(option: option, value: text, expected: "a comma-separated list of distinct names")
        }
        return names
    }
}
