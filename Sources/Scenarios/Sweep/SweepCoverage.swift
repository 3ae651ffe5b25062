/// Checks that merged sweep records cover the sweep exactly once (`sim merge`).
///
/// The expected runs are inferred from the records themselves: every combination of the values seen
/// on each axis × the policies seen × the seeds seen. A shard whose file was forgotten therefore shows
/// up as missing runs, because ``SweepPlan``'s shards spread every seed and point over several shards;
/// a value that appears in no file at all (possible only with a single point and policy, where each
/// shard holds its own seeds) cannot be detected.
public struct SweepCoverage: Sendable {
    /// Run keys (``SweepRecord/runKey``) that appear more than once, in first-duplicate order.
    public let duplicates: [String]
    /// Run keys of expected runs that no record has, in canonical order.
    public let missing: [String]
    /// Point field sets that differ from the first record's, as `(place, fields)`.
    public let inconsistentFields: [String]

    /// Checks `records` (with where each came from, e.g. `shard2.jsonl:7`).
    /// - Complexity: O(expected runs + records).
    public init(_ records: [(record: SweepRecord, place: String)]) {
        var seen = Set<String>(), duplicateList: [String] = []
        for (record, _) in records where !seen.insert(record.runKey).inserted { duplicateList.append(record.runKey) }
        duplicates = duplicateList
        let fields = records.first?.record.point.map(\.path) ?? []
        inconsistentFields = records.filter { $0.record.point.map(\.path) != fields }
            .map { "\($0.place): fields \($0.record.point.map(\.path))" }
        guard inconsistentFields.isEmpty else { missing = []; return }
        var axes = fields.map { _ in [JSONValue]() }
        var policies: [String] = [], seeds: [UInt64] = []
        for (record, _) in records {
            for (i, field) in record.point.enumerated() where !axes[i].contains(field.value) { axes[i].append(field.value) }
            if !policies.contains(record.policy) { policies.append(record.policy) }
            if !seeds.contains(record.seed) { seeds.append(record.seed) }
        }
        let plan = SweepPlan(axes: zip(fields, axes).map { SweepAxis(path: $0, values: $1) }, policies: policies, seeds: seeds.sorted())
        let points = plan.points
        missing = records.isEmpty ? [] : plan.items.map { item in
            SweepRecord(point: points[item.point], policy: item.policy, seed: item.seed, metrics: []).runKey
        }.filter { !seen.contains($0) }
    }

    /// Whether every expected run appears exactly once.
    public var isComplete: Bool { duplicates.isEmpty && missing.isEmpty && inconsistentFields.isEmpty }
}
