import Foundation
import Scenarios

/// `sim bench`: runs the workloads of ``BenchCatalog`` and prints a table, or the JSON document of
/// README.md, "Machine-readable outputs" with `--json`. Workloads live in the Scenarios library so
/// tests can run them too; this command only chooses, measures and prints.
struct BenchCommand {
    let options: BenchOptions

    func execute(console: inout Console) throws {
        var measurements: [BenchMeasurement] = []
        var skipped: [(name: String, reason: String)] = []
        let environment = BenchEnvironment.current()
        for name in options.workloads {
            if let reason = BenchCatalog.unavailable(name) {
                skipped.append((name, reason))
                continue
            }
            for benchCase in BenchCatalog.cases(name, threads: options.threads, sizes: options.sizes) {
                if !console.capturing && isatty(2) == 1 { console.err("running \(benchCase.name) size \(benchCase.size) …") }
                measurements.append(try BenchRunner.measure(benchCase, repeats: options.repeats))
            }
        }
        if options.json {
            console.out(BenchReport.json(measurements, skipped: skipped, environment: environment).rendered())
        } else {
            console.out(table(measurements, skipped: skipped, environment: environment))
        }
    }

    private func table(_ measurements: [BenchMeasurement], skipped: [(name: String, reason: String)],
                       environment: BenchEnvironment) -> String {
        var table = TextTable(["workload", "size", "threads", "median s", "min s", "max s", "cpu s", "throughput", "unit",
                               "peak RSS MiB", "budget"], textColumns: 1)
        for m in measurements {
            let budget = BenchBudget.verdict(m, environment: environment).map { ($0.met ? "ok " : "MISSED ") + $0.text } ?? "-"
            table.add([m.name, String(m.size), String(m.threads), Self.seconds(m.medianSeconds), Self.seconds(m.minSeconds),
                       Self.seconds(m.maxSeconds), m.medianCPUSeconds.map(Self.seconds) ?? "-",
                       String(format: "%.3e", m.throughput), m.unit.rawValue,
                       String(format: "%.1f", Double(m.peakRSSBytes) / 1_048_576), budget])
        }
        var lines = ["sim bench: \(options.repeats) timed run(s) after a warm-up; \(environment.cores) core(s), load average "
                     + (environment.loadAverage.map { String(format: "%.2f", $0) } ?? "unknown")
                     + (BenchBudget.isLoaded(environment) ? " (loaded: budgets are judged by CPU time; wall time shown)" : ""),
                     table.rendered]
        for m in measurements where !m.split.isEmpty {
            let total = m.split.reduce(0) { $0 + $1.seconds }
            let parts = m.split.map { String(format: "%@ %.1f%%", $0.name, total > 0 ? 100 * $0.seconds / total : 0) }
            lines.append("\(m.name) size \(m.size): " + parts.joined(separator: ", ")
                         + String(format: "; %.0f bytes per client (peak RSS / N)", m.bytesPerAgent))
        }
        for (name, reason) in skipped { lines.append("\(name) skipped: \(reason)") }
        return lines.joined(separator: "\n")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.6f", value) }
}
