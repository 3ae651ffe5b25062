import Foundation

/// `--data DIR`, accepted by every command: the folder where the `csv` worlds look for their data files
/// (the `dataFile` of a scenario, e.g. `ett-small/ETTh1.csv`). It sets `SIM_DATA` for this process, so
/// it wins over an inherited `SIM_DATA`; without either, each scenario's relative `path` is used.
enum DataOption {
    /// The arguments without `--data DIR`, and DIR (the last one given wins).
    /// - Throws: ``CLIError/missingValue(option:command:)`` when `--data` ends the line.
    static func extract(_ arguments: [String]) throws -> (rest: [String], folder: String?) {
        var rest: [String] = [], folder: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--data" {
                guard index + 1 < arguments.count else {
                    throw CLIError.missingValue(option: "--data", command: arguments.first ?? "sim")
                }
                folder = arguments[index + 1]
                index += 2
            } else if word.hasPrefix("--data=") {
                folder = String(word.dropFirst("--data=".count))
                index += 1
            } else {
                rest.append(word)
                index += 1
            }
        }
        return (rest, folder)
    }

    /// Sets `SIM_DATA` to `folder` for this process.
    static func apply(_ folder: String) {
        setenv("SIM_DATA", folder, 1)
    }
}
