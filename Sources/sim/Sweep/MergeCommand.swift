import Foundation
import Scenarios

/// `sim merge F…`: concatenates sweep shard outputs, checks that every run of the sweep appears
/// exactly once, prints the sweep table, and with `--out` writes the concatenation (lines verbatim,
/// in input order). A malformed line is exit 2 (file and line named); a missing or duplicated run is
/// exit 1 with the first few listed.
struct MergeCommand {
    let files: [String]
    let out: String?

    static let valued = ["--out"]

    func execute(console: inout Console) throws {
        try OutputPathCheck.preflight(outputs: [("--out", out)], inputs: files)
        var lines: [String] = []
        var records: [(record: SweepRecord, place: String)] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ScenarioError.unreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "not readable" : "no such file")
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let place = "\(file):\(number + 1)"
                records.append((try SweepRecord(line: String(line), place: place), place))
                lines.append(String(line))
            }
        }
        let coverage = SweepCoverage(records)
        guard coverage.isComplete else { throw MergeError(coverage: coverage, files: files.count) }
        console.out("merged \(records.count) runs from \(files.count) file(s); none missing or duplicated")
        console.out(SweepTable(records: records.map(\.record)).text)
        if let out { try AtomicFile.write(lines.map { $0 + "\n" }.joined(), to: out) }
    }
}

/// The merged files do not cover the sweep exactly once (exit 1).
struct MergeError: Error, CustomStringConvertible {
    let coverage: SweepCoverage
    let files: Int

    var description: String {
        func few(_ list: [String]) -> String {
            list.prefix(5).joined(separator: "\n  ") + (list.count > 5 ? "\n  … and \(list.count - 5) more" : "")
        }
        var parts: [String] = []
        if !coverage.inconsistentFields.isEmpty {
            parts.append("lines sweep different fields than the first line:\n  " + few(coverage.inconsistentFields))
        }
        if !coverage.duplicates.isEmpty { parts.append("\(coverage.duplicates.count) run(s) appear twice:\n  " + few(coverage.duplicates)) }
        if !coverage.missing.isEmpty {
            parts.append("\(coverage.missing.count) run(s) missing (a shard not run or not passed?):\n  " + few(coverage.missing))
        }
        return "the \(files) file(s) do not cover the sweep exactly once: " + parts.joined(separator: "\n")
    }
}
