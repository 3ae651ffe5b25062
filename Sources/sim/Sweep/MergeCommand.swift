import Foundation
import Scenarios

/// `sim merge F…`: combines sweep outputs (one per shard), checks that they are outputs of one sweep
/// and cover it exactly once, prints the sweep table, and with `--out` writes the merged file: the
/// sweep's header without a shard, then every record line verbatim, in input order — so it equals the
/// unsharded sweep's output up to line order.
///
/// Exit 2 for a malformed or unfinished line, a file without a header, or files of different sweeps
/// (the differing fields are named); exit 1 when runs are missing or duplicated, listing the missing
/// runs per shard.
struct MergeCommand {
    let files: [String]
    let out: String?
    /// `--csv F`: the merged runs in long format, one row per episode and metric (``LongTable``).
    var csv: String? = nil

    static let valued = ["--out", "--csv"]

    func execute(console: inout Console) throws {
        if let csv, csv == out { throw CLIError.conflict("--out and --csv both name '\(csv)'") }
        try OutputPathCheck.preflight(outputs: [("--out", out), ("--csv", csv)], inputs: files)
        var lines: [String] = []
        var first: (identity: SweepIdentity, file: String)?
        var outputs: [SweepCoverage.File] = []
        for file in files {
            let parsed = try SweepFile(path: file)
            if let error = parsed.unfinishedError { throw error }
            guard let identity = parsed.identity else {
                throw CLIError.conflict("'\(file)' has no sweep header line (written by an older sim, or edited); "
                                        + "run its sweep again with this sim to merge it")
            }
            if let first {
                let differences = identity.differences(from: first.identity)
                if !differences.isEmpty {
                    throw CLIError.conflict("'\(file)' is output of another sweep than '\(first.file)' ("
                                            + differences.joined(separator: "; ") + "); merge only the shards of one sweep")
                }
            } else {
                first = (identity, file)
            }
            outputs.append(SweepCoverage.File(name: file, shard: identity.shard, records: parsed.records.map(\.record)))
            lines += parsed.records.map(\.text)
        }
        guard let identity = first?.identity.whole else { return }
        let coverage = SweepCoverage(identity: identity, files: outputs)
        guard coverage.isComplete else { throw MergeError(coverage: coverage, files: files.count) }
        let records = outputs.flatMap(\.records)
        console.out("merged \(records.count) runs from \(files.count) file(s); none missing or duplicated")
        console.out(SweepTable(records: records).text)
        if let out { try AtomicFile.write(([identity.headerLine] + lines).map { $0 + "\n" }.joined(), to: out) }
        if let csv { try AtomicFile.write(SweepRecord.longTable(records, scenario: identity.scenario).csv, to: csv) }
    }
}

/// The merged files do not cover the sweep exactly once (exit 1).
struct MergeError: Error, CustomStringConvertible {
    let coverage: SweepCoverage
    let files: Int

    var description: String {
        func few(_ list: [String], indent: String) -> String {
            list.prefix(5).map { indent + $0 }.joined(separator: "\n") + (list.count > 5 ? "\n\(indent)… and \(list.count - 5) more" : "")
        }
        var parts: [String] = []
        if !coverage.duplicates.isEmpty { parts.append("\(coverage.duplicates.count) run(s) appear twice:\n" + few(coverage.duplicates, indent: "  ")) }
        if !coverage.missing.isEmpty {
            var text = "\(coverage.missing.count) run(s) missing:"
            for gap in coverage.gaps {
                let shard = gap.shard.map { "shard \($0.index)/\($0.count)" }
                let label: String
                switch (gap.file, shard) {
                case (let file?, let shard?): label = "\(file) (\(shard)): \(gap.missing.count) of its \(gap.expected) run(s) missing (cut short? run its sweep command again to finish it)"
                case (let file?, nil): label = "\(file) (whole sweep): \(gap.missing.count) of \(gap.expected) run(s) missing"
                case (nil, let shard?): label = "\(shard): no file given (\(gap.expected) run(s); not run or not passed?)"
                case (nil, nil): label = "\(gap.missing.count) run(s) in no given file's shard (a shard not run or not passed?)"
                }
                text += "\n  " + label + "\n" + few(gap.missing, indent: "    ")
            }
            parts.append(text)
        }
        return "the \(files) file(s) do not cover the sweep exactly once: " + parts.joined(separator: "\n")
    }
}
