import Scenarios

/// The options of `sim bench` with their defaults and checks.
struct BenchOptions: Equatable {
    /// Workload names in run order (default: all of them).
    var workloads = BenchCatalog.names
    /// Timed runs per workload, after one warm-up.
    var repeats = 5
    /// Print the `sim bench --json` document instead of the table.
    var json = false
    /// Threads for population stepping.
    var threads = 1
    /// Sizes replacing each workload's defined ones (profiling); nil runs the defined sizes.
    var sizes: [Int]?

    static let valued = ["--workload", "--repeat", "--threads", "--size"]
    static let flags = ["--json"]

    init() {}

    init(_ tokens: ArgumentTokens) throws {
        if let first = tokens.positionals.first { throw CLIError.unexpectedArgument(first, command: "bench") }
        if let list = tokens.last("--workload") {
            workloads = []
            for word in list.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                let name = word.uppercased()
                guard BenchCatalog.names.contains(name) else {
                    let guess = EditDistance.suggestion(for: name, among: BenchCatalog.names).map { "; did you mean '\($0)'?" } ?? ""
                    throw CLIError.badValue(option: "--workload", value: word,
                                            expected: "a comma-separated list of " + BenchCatalog.names.joined(separator: ", ") + guess)
                }
                if !workloads.contains(name) { workloads.append(name) }
            }
        }
        if let text = tokens.last("--repeat") {
            guard let value = Int(text), value >= 1, value <= 1000 else {
                throw CLIError.badValue(option: "--repeat", value: text, expected: "an integer in 1...1000")
            }
            repeats = value
        }
        if let text = tokens.last("--threads") { threads = try Self.threads(text) }
        if let text = tokens.last("--size") {
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.replacingOccurrences(of: "_", with: "")) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw CLIError.badValue(option: "--size", value: text, expected: "a comma-separated list of positive integers")
            }
            sizes = values.map { $0! }
            for name in workloads {
                for size in sizes ?? [] {
                    if let problem = BenchCatalog.sizeProblem(name, size: size) {
                        throw CLIError.badValue(option: "--size", value: text, expected: problem)
                    }
                }
            }
        }
        json = tokens.has("--json")
    }

    /// Parses a `--threads` value (shared with `sim run`).
    static func threads(_ text: String) throws -> Int {
        guard let value = Int(text), value >= 1, value <= 1024 else {
            throw CLIError.badValue(option: "--threads", value: text, expected: "an integer in 1...1024")
        }
        return value
    }
}
