import Foundation
import Engine
import Scenarios

/// `sim plot`: a metric of sweep records against one point field, one line per group (a policy by
/// default, or the values of another field), each point the mean over seeds with 95% CI whiskers.
/// Fields (and policies) that vary besides x and the group split the groups further, so nothing is
/// pooled silently.
enum SweepChart {
    /// - Throws: ``CLIError/badValue(option:value:expected:)`` naming the field or metric that is not there.
    static func chart(_ records: [SweepRecord], x: String, y: String, group: String) throws -> LineChart {
        let fields = records.first?.point.map(\.path) ?? []
        guard fields.contains(x) else { throw CLIError.badValue(option: "--x", value: x, expected: "a swept field (\(fields.joined(separator: ", ")))") }
        let metrics = records.first?.metrics.map(\.name) ?? []
        guard metrics.contains(y) else { throw CLIError.badValue(option: "--y", value: y, expected: "a metric of the sweep (\(metrics.joined(separator: ", ")))") }
        guard group == "policy" || (fields.contains(group) && group != x) else {
            throw CLIError.badValue(option: "--group", value: group, expected: "policy or a swept field other than --x")
        }
        let varying = fields.filter { f in f != x && f != group && Set(records.map { value($0, f).rendered(indent: 0) }).count > 1 }
        let byPolicy = group != "policy" && Set(records.map(\.policy)).count > 1
        let xs = records.map { value($0, x) }
        let numeric = xs.allSatisfy { if case .number = $0 { return true }; return false }
        let categories = numeric ? nil : xs.map { $0.rendered(indent: 0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var names: [String] = [], cells: [String: [(x: Double, y: Double)]] = [:]
        for record in records {
            let name = (([group] + varying).map { label($0, record) } + (byPolicy ? [record.policy] : [])).joined(separator: ", ")
            if cells[name] == nil { names.append(name) }
            let position: Double
            if case .number(let v) = value(record, x), numeric { position = v } else { position = Double(categories!.firstIndex(of: value(record, x).rendered(indent: 0))!) }
            cells[name, default: []].append((position, record.metrics.first { $0.name == y }?.value ?? .nan))
        }
        let series = names.map { ChartSeries(name: $0, points: points(cells[$0]!)) }
        return LineChart(title: "\(y) against \(x) (mean ± 95% CI over seeds)", xLabel: x, yLabel: y, series: series, categories: categories)
    }

    /// The chart on log–log axes (base 10): x, y and interval ends are replaced by their log10; points
    /// with x ≤ 0 or y ≤ 0 are left out (and counted in the title), as are interval ends ≤ 0. With
    /// `fit`, each series' legend entry carries its ``LogLogFit`` slope and interval, and the fitted
    /// line is drawn dashed.
    /// - Throws: ``CLIError/conflict(_:)`` when x is categorical.
    static func logLog(_ chart: LineChart, fit: Bool) throws -> LineChart {
        guard chart.categories == nil else { throw CLIError.conflict("--loglog needs a numeric --x field") }
        var dropped = 0
        var fits: [LogLogFit?] = []
        let series = chart.series.map { s -> ChartSeries in
            let kept = s.points.filter { $0.x > 0 && $0.y > 0 && $0.x.isFinite && $0.y.isFinite }
            dropped += s.points.count - kept.count
            let points = kept.map { p in
                ChartSeries.Point(x: log10(p.x), y: log10(p.y), low: p.low.flatMap { $0 > 0 ? log10($0) : nil },
                                  high: p.high.flatMap { $0 > 0 ? log10($0) : nil })
            }
            guard fit else { fits.append(nil); return ChartSeries(name: s.name, points: points) }
            let line = LogLogFit(logPoints: points.map { ($0.x, $0.y) })
            fits.append(line)
            return ChartSeries(name: s.name + ": " + line.legend, points: points)
        }
        let note = dropped > 0 ? ", \(dropped) point(s) <= 0 not drawn" : ""
        let title = chart.yLabel + " against " + chart.xLabel + " on log10 axes" + (fit ? " (dashed: least-squares fits)" : "")
        var result = LineChart(title: title + note,
                               xLabel: "log10 " + chart.xLabel, yLabel: "log10 " + chart.yLabel, series: series, categories: nil)
        result.fits = fits
        return result
    }

    /// One point per distinct x: the mean of its values with the CI (no whiskers for a single seed).
    private static func points(_ cells: [(x: Double, y: Double)]) -> [ChartSeries.Point] {
        let xs = cells.map(\.x).reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
        return xs.map { x in
            let interval = MeanInterval(cells.filter { $0.x == x }.map(\.y))
            let defined = interval.halfWidth.isFinite
            return ChartSeries.Point(x: x, y: interval.mean, low: defined ? interval.lower : nil, high: defined ? interval.upper : nil)
        }
    }

    private static func value(_ record: SweepRecord, _ field: String) -> JSONValue {
        record.point.first { $0.path == field }?.value ?? .null
    }

    private static func label(_ field: String, _ record: SweepRecord) -> String {
        field == "policy" ? record.policy : "\(field)=\(value(record, field).rendered(indent: 0))"
    }
}
