import Engine
import Scenarios

/// The sweep table of `sim sweep --out` and `sim merge`: one row per (point, policy), with each
/// metric's mean over seeds ± the 95% CI half-width (Student t), rows sorted by point (numbers
/// numerically) and policy in first-seen order.
struct SweepTable {
    let records: [SweepRecord]

    /// One group of records: the same point and policy, several seeds.
    struct Group {
        let point: [Override]
        let policy: String
        var records: [SweepRecord]
    }

    /// Records grouped by (point, policy), in table order.
    var groups: [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for record in records {
            var key = record
            key.seed = 0
            if let i = index[key.runKey] { groups[i].records.append(record); continue }
            index[key.runKey] = groups.count
            groups.append(Group(point: record.point, policy: record.policy, records: [record]))
        }
        let policies = groups.map(\.policy).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return groups.sorted { a, b in
            if let order = Self.order(a.point, b.point) { return order }
            return policies.firstIndex(of: a.policy)! < policies.firstIndex(of: b.policy)!
        }
    }

    var text: String {
        guard let first = records.first else { return "no runs" }
        let fields = first.point.map(\.path), metrics = first.metrics.map(\.name)
        var table = TextTable(fields + ["policy", "seeds"] + metrics.flatMap { [$0, "±95% CI"] }, textColumns: fields.count + 1)
        for group in groups {
            var row = group.point.map { $0.value.rendered(indent: 0) } + [group.policy, String(group.records.count)]
            for (m, _) in metrics.enumerated() {
                let interval = MeanInterval(group.records.map { $0.metrics.indices.contains(m) ? $0.metrics[m].value : .nan })
                row += [TextTable.formatNonZero(interval.mean), TextTable.formatNonZero(interval.halfWidth)]
            }
            table.add(row)
        }
        return table.rendered
    }

    /// Compares points field by field: numbers numerically, other values by their JSON text; nil when equal.
    private static func order(_ a: [Override], _ b: [Override]) -> Bool? {
        for (x, y) in zip(a, b) where x.value != y.value {
            if case .number(let u) = x.value, case .number(let v) = y.value { return u < v }
            return x.value.rendered(indent: 0) < y.value.rendered(indent: 0)
        }
        return nil
    }
}
