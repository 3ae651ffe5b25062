import Scenarios

/// Splits a subcommand's arguments into options and positionals: `--name value`,
/// `--name=value`, bare flags, `-h`, and `--` ending option parsing.
struct ArgumentTokens: Equatable {
    /// Option values in the order given (``repeatable`` options keep every value).
    private(set) var values: [(name: String, value: String)] = []
    /// Flags given.
    private(set) var flags: [String] = []
    /// Positional arguments.
    private(set) var positionals: [String] = []

    static func == (a: ArgumentTokens, b: ArgumentTokens) -> Bool {
        a.flags == b.flags && a.positionals == b.positionals && a.values.map(\.name) == b.values.map(\.name)
            && a.values.map(\.value) == b.values.map(\.value)
    }

    /// Options that may be given more than once (each adds a value); any other valued option given twice
    /// is an error rather than the last one silently winning.
    static let repeatable: Set<String> = ["--set", "--grid", "--on"]

    /// - Parameters:
    ///   - valued: options that take a value.
    ///   - flags: options that take none (`-h` is always `--help`).
    init(_ arguments: [String], command: String, valued: [String], flags known: [String]) throws {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                positionals.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            if word == "-h" || word == "--help" { flags.append("--help"); continue }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            if valued.contains(name) {
                if !Self.repeatable.contains(name), values.contains(where: { $0.name == name }) {
                    throw CLIError.repeatedOption(name, command: command)
                }
                if parts.count == 2 {
                    values.append((name, parts[1]))
                } else {
                    guard index < arguments.count else { throw CLIError.missingValue(option: name, command: command) }
                    values.append((name, arguments[index]))
                    index += 1
                }
            } else if known.contains(name), parts.count == 1 {
                flags.append(name)
            } else {
                let suggestion = EditDistance.suggestion(for: name, among: valued + known + ["--help"])
                throw CLIError.unknownOption(name, command: command, suggestion: suggestion)
            }
        }
    }

    /// Every value of `name`.
    func all(_ name: String) -> [String] { values.filter { $0.name == name }.map(\.value) }
    /// The last value of `name`.
    func last(_ name: String) -> String? { all(name).last }
    /// Whether flag `name` was given.
    func has(_ name: String) -> Bool { flags.contains(name) }
}
