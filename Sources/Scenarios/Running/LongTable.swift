import Engine

/// Tidy ("long") rows for pandas or R, one per (scenario, point, policy, seed, episode, metric, value):
/// every metric's value in every episode, not only the summaries. Columns, in order:
///
/// - `scenario` — the scenario's `name`;
/// - one column per swept field, named by its path (`observation.k`), holding the point's value (sweeps
///   only; `run` and `compare` have none);
/// - `policy`, `seed`;
/// - `episode` — 0, 1, … within the run;
/// - `metric`, `value` — the metric's value in that episode, empty when it is not a finite number
///   (e.g. a time to a target that was never reached).
///
/// Written as CSV (RFC 4180: fields quoted when they hold a comma, a quote or a line break).
public struct LongTable: Sendable {
    /// The swept fields' paths, one column each.
    public let pointColumns: [String]
    /// The rows, as text, in the order added.
    public private(set) var rows: [[String]] = []

    public init(pointColumns: [String] = []) { self.pointColumns = pointColumns }

    /// The column names.
    public var header: [String] { ["scenario"] + pointColumns + ["policy", "seed", "episode", "metric", "value"] }

    /// Adds one row per episode and metric of a run.
    /// - Parameter point: the values of ``pointColumns`` for this run, rendered as JSON (strings unquoted).
    public mutating func add(scenario: String, point: [String] = [], policy: String, seed: UInt64,
                             metrics: [(name: String, stats: RunningStats)]) {
        precondition(point.count == pointColumns.count, "one value per point column")
        for (name, stats) in metrics {
            for (episode, value) in stats.values.enumerated() {
                rows.append([scenario] + point + [policy, String(seed), String(episode), name, value.isFinite ? JSONText.number(value) : ""])
            }
        }
    }

    /// Appends a row made by another table with the same columns.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a row has one field per column")
        rows.append(row)
    }

    /// The CSV text: the header, then the rows.
    public var csv: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted when needed (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
