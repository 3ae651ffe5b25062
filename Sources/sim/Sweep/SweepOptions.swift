import Scenarios

/// The options of `sim sweep`.
struct SweepOptions: Equatable {
    var file: String
    /// `--set path=v1,v2,…` axes, in command-line order.
    var axes: [SweepAxis] = []
    var seeds: [UInt64] = Array(1...10)
    var policies: [String]?
    var metrics: [String]?
    /// `--shard i/N` or `--shard auto`.
    var shard: ShardChoice?
    var out: String?
    /// `--csv F`: every run in long format, one row per episode and metric (``LongTable``).
    var csv: String?
    var progress = true
    /// `--sbatch` and its options: print a Slurm submission script instead of running.
    var batch: BatchOptions?
    /// `--exploitability`: each line holds the exploitability metrics of the (point, policy, seed).
    var exploitability = false
    /// `--ghost-pairs`, `--estimation-episodes`, `--resolution` (with `--exploitability`).
    var ghostPairs: Int?, estimationEpisodes: Int?, resolution: Int?
    /// `--retrain`: train each learned policy anew for every (point, seed), under a training seed derived
    /// from the evaluation seed, as `sim compare --retrain` does.
    var retrain = false

    /// The options of `--sbatch`.
    struct BatchOptions: Equatable {
        var partition: String?
        var time: String?
        var cpus = 1
        /// Array tasks; nil picks min(runs, ``BatchScript/defaultTasks``).
        var arraySize: Int?
    }

    static let valued = ["--set", "--seeds", "--policies", "--metrics", "--shard", "--out", "--csv", "--partition", "--time", "--cpus", "--array-size",
                         "--ghost-pairs", "--estimation-episodes", "--resolution"]
    static let flags = ["--no-progress", "--sbatch", "--exploitability", "--retrain"]

    init(file: String) { self.file = file }

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "sweep") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "sweep") }
        self.file = file
        axes = try tokens.all("--set").map(SweepAxis.parse)
        if let text = tokens.last("--seeds") { seeds = try SeedList.parse(text) }
        policies = try tokens.last("--policies").map { try CompareOptions.names($0, option: "--policies") }
        metrics = try tokens.last("--metrics").map { try CompareOptions.names($0, option: "--metrics") }
        shard = try tokens.last("--shard").map(ShardChoice.parse)
        out = tokens.last("--out")
        csv = tokens.last("--csv")
        progress = !tokens.has("--no-progress")
        try readExploitability(tokens)
        retrain = tokens.has("--retrain")
        if retrain && exploitability {
            throw CLIError.conflict("--retrain and --exploitability cannot be combined: the measurement computes its best responses once per (point, policy)")
        }
        batch = try Self.batch(tokens, shard: shard, out: out)
        if let out, OutputPathCheck.isSame(out, file) { throw CLIError.conflict("output path '\(out)' is the scenario file itself; choose another path") }
        if let csv, OutputPathCheck.isSame(csv, file) { throw CLIError.conflict("output path '\(csv)' is the scenario file itself; choose another path") }
        if let csv, csv == out { throw CLIError.conflict("--out and --csv both name '\(csv)'") }
        let paths = axes.map(\.path)
        if let repeated = paths.enumerated().first(where: { paths[..<$0.offset].contains($0.element) })?.element {
            throw CLIError.conflict("--set \(repeated) is given twice; list all its values in one --set \(repeated)=a,b,c")
        }
    }

    /// `--exploitability` and its tuning options (which need it).
    private mutating func readExploitability(_ tokens: ArgumentTokens) throws {
        exploitability = tokens.has("--exploitability")
        ghostPairs = try tokens.last("--ghost-pairs").map { try ExploitabilityOptions.count($0, option: "--ghost-pairs", upTo: 1_000_000) }
        estimationEpisodes = try tokens.last("--estimation-episodes").map { try ExploitabilityOptions.count($0, option: "--estimation-episodes", upTo: 10_000_000) }
        resolution = try tokens.last("--resolution").map { try ExploitabilityOptions.count($0, option: "--resolution", upTo: 1_000) }
        if !exploitability, let tuned = ["--ghost-pairs", "--estimation-episodes", "--resolution"].first(where: { tokens.last($0) != nil }) {
            throw CLIError.conflict("\(tuned) tunes the exploitability measurement; add --exploitability")
        }
    }

    /// What each run measures, as typed: `--exploitability` with its tuning, or `--retrain` (for the
    /// `--sbatch` tasks).
    var measurementArguments: [String] {
        guard exploitability else { return retrain ? ["--retrain"] : [] }
        return ["--exploitability"] + (ghostPairs.map { ["--ghost-pairs", String($0)] } ?? [])
            + (estimationEpisodes.map { ["--estimation-episodes", String($0)] } ?? []) + (resolution.map { ["--resolution", String($0)] } ?? [])
    }

    /// The `--sbatch` options, checked: they need `--sbatch`, which needs `--out` and no `--shard`.
    private static func batch(_ tokens: ArgumentTokens, shard: ShardChoice?, out: String?) throws -> BatchOptions? {
        let batchOnly = ["--partition", "--time", "--cpus", "--array-size"]
        guard tokens.has("--sbatch") else {
            if let option = batchOnly.first(where: { tokens.last($0) != nil }) { throw CLIError.conflict("\(option) needs --sbatch") }
            return nil
        }
        if shard != nil { throw CLIError.conflict("--sbatch writes one job per shard itself; drop --shard") }
        guard out != nil else { throw CLIError.conflict("--sbatch needs --out F.jsonl: the merged output (each task writes F-shard-i.jsonl beside it)") }
        var batch = BatchOptions()
        if let partition = tokens.last("--partition") {
            guard !partition.isEmpty, partition.allSatisfy({ $0.isLetter || $0.isNumber || "_.-,".contains($0) }) else {
                throw CLIError.badValue(option: "--partition", value: partition, expected: "a Slurm partition name (letters, digits, _ . - ,)")
            }
            batch.partition = partition
        }
        if let time = tokens.last("--time") {
            guard !time.isEmpty, time.first!.isNumber, time.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "-" }) else {
                throw CLIError.badValue(option: "--time", value: time, expected: "a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH or D-HH:MM:SS")
            }
            batch.time = time
        }
        if let text = tokens.last("--cpus") {
            guard let cpus = Int(text), cpus >= 1, cpus <= 4096 else { throw CLIError.badValue(option: "--cpus", value: text, expected: "a whole number from 1 to 4096") }
            batch.cpus = cpus
        }
        if let text = tokens.last("--array-size") {
            guard let size = Int(text), size >= 1, size <= 100_000 else {
                throw CLIError.badValue(option: "--array-size", value: text, expected: "a whole number from 1 to 100000")
            }
            batch.arraySize = size
        }
        return batch
    }

    static func == (a: SweepOptions, b: SweepOptions) -> Bool {
        a.file == b.file && a.axes == b.axes && a.seeds == b.seeds && a.policies == b.policies && a.metrics == b.metrics
            && a.shard == b.shard && a.out == b.out && a.progress == b.progress && a.batch == b.batch
            && a.measurementArguments == b.measurementArguments
    }
}
