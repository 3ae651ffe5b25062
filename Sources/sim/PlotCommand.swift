import Foundation
import Scenarios

/// `sim plot F.jsonl… --x path --y metric [--group path] --out F.svg`: draws a metric of sweep output
/// against a swept field.
struct PlotCommand: Equatable {
    let files: [String]
    let x: String
    let y: String
    let group: String
    let out: String

    static let valued = ["--x", "--y", "--group", "--out"]

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
        let chart = try SweepChart.chart(records, x: x, y: y, group: group)
        try AtomicFile.write(ChartPage.svg([chart]), to: out)
        console.out("wrote \(out): \(chart.series.count) series, \(records.count) runs")
    }
}
