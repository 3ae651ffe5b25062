import Foundation
import Scenarios

/// `sim plot F.jsonl… --x path --y metric [--group path] [--loglog [--fit]] --out F.svg`: draws a
/// metric of sweep output against a swept field, optionally on log–log axes with a fitted power law.
struct PlotCommand: Equatable {
    let files: [String]
    let x: String
    let y: String
    let group: String
    let out: String
    /// Log–log axes (base 10); `fit` adds each series' least-squares slope and its 95% interval.
    var logLog = false, fit = false

    static let valued = ["--x", "--y", "--group", "--out"]
    static let flags = ["--loglog", "--fit"]

    init(_ tokens: ArgumentTokens) throws {
        guard !tokens.positionals.isEmpty else { throw CLIError.missingArgument("a sweep output FILE (JSON Lines)", command: "plot") }
        files = tokens.positionals
        guard let x = tokens.last("--x") else { throw CLIError.missingArgument("--x path (a swept field)", command: "plot") }
        guard let y = tokens.last("--y") else { throw CLIError.missingArgument("--y metric", command: "plot") }
        guard let out = tokens.last("--out") else { throw CLIError.missingArgument("--out F.svg", command: "plot") }
        if files.contains(where: { OutputPathCheck.isSame(out, $0) }) { throw CLIError.conflict("--out '\(out)' is one of the input files; choose another path") }
        self.x = x
        self.y = y
        self.out = out
        group = tokens.last("--group") ?? "policy"
        logLog = tokens.has("--loglog")
        fit = tokens.has("--fit")
        if fit && !logLog { throw CLIError.conflict("--fit fits a power law on log-log axes; add --loglog") }
    }

    func execute(console: inout Console) throws {
        try OutputPathCheck.preflight(outputs: [("--out", out)], inputs: files)
        var records: [SweepRecord] = []
        for file in files {
            let parsed = try SweepFile(path: file)
            if let error = parsed.unfinishedError { throw error }
            records += parsed.records.map(\.record)
        }
        guard !records.isEmpty else { throw CLIError.conflict("no sweep records in \(files.joined(separator: ", "))") }
        var chart = try SweepChart.chart(records, x: x, y: y, group: group)
        if logLog { chart = try SweepChart.logLog(chart, fit: fit) }
        try AtomicFile.write(ChartPage.svg([chart]), to: out)
        console.out("wrote \(out): \(chart.series.count) series, \(records.count) runs")
    }
}
