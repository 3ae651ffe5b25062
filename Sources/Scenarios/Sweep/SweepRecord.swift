import Engine
import Foundation

/// One line of a sweep's JSON Lines output:
/// `{"point": {"<path>": value, ..}, "policy": P, "seed": N, "metrics": {"<metric>": x},
/// "episodes": {"<metric>": [x0, x1, ..]}}`, where x is the metric's mean over the run's episodes and
/// `episodes` lists its value in each episode (for long-format tables; lines without it are read too).
public struct SweepRecord: Sendable, Equatable {
    /// The overridden fields, in axis order.
    public var point: [Override]
    /// Policy name.
    public var policy: String
    /// Seed.
    public var seed: UInt64
    /// Metric values, in the world's order.
    public var metrics: [(name: String, value: Double)]
    /// Each metric's value in every episode of the run (empty when the line did not carry them).
    public var episodes: [(name: String, values: [Double])]
    /// The training seed of a retrained learned policy (nil otherwise).
    public var trainingSeed: UInt64?

    public init(point: [Override], policy: String, seed: UInt64, metrics: [(name: String, value: Double)],
                episodes: [(name: String, values: [Double])] = [], trainingSeed: UInt64? = nil) {
        self.point = point
        self.policy = policy
        self.seed = seed
        self.metrics = metrics
        self.episodes = episodes
        self.trainingSeed = trainingSeed
    }

    public static func == (a: SweepRecord, b: SweepRecord) -> Bool {
        a.point == b.point && a.policy == b.policy && a.seed == b.seed
            && a.metrics.map(\.name) == b.metrics.map(\.name) && a.metrics.map(\.value) == b.metrics.map(\.value)
            && a.episodes.map(\.name) == b.episodes.map(\.name) && a.episodes.map(\.values) == b.episodes.map(\.values)
            && a.trainingSeed == b.trainingSeed
    }

    /// The record as one compact JSON line (no newline). Non-finite metric values are `null`.
    public var jsonLine: String {
        var members: [JSONValue.Member] = [
            JSONValue.Member(key: "point", value: .object(point.map { JSONValue.Member(key: $0.path, value: $0.value) })),
            JSONValue.Member(key: "policy", value: .string(policy)),
            JSONValue.Member(key: "seed", value: .number(Double(seed))),
            JSONValue.Member(key: "metrics", value: .object(metrics.map { JSONValue.Member(key: $0.name, value: .number($0.value)) })),
        ]
        if !episodes.isEmpty {
            members.append(JSONValue.Member(key: "episodes", value: .object(episodes.map {
                JSONValue.Member(key: $0.name, value: .array($0.values.map(JSONValue.number)))
            })))
        }
        if let trainingSeed { members.append(JSONValue.Member(key: "trainingSeed", value: .number(Double(trainingSeed)))) }
        return JSONValue.object(members).rendered(indent: 0)
    }

    /// The key that identifies the run: point, policy and seed (not the metric values).
    public var runKey: String {
        JSONValue.object(["point": .object(point.map { JSONValue.Member(key: $0.path, value: $0.value) }),
                          "policy": .string(policy), "seed": .number(Double(seed))]).rendered(indent: 0)
    }

    /// Parses one line; `place` (e.g. `shard1.jsonl:12`) names it in errors.
    /// - Throws: ``ScenarioError/invalid(_:)`` naming the place and the missing or mistyped field.
    public init(line: String, place: String) throws {
        let tree: JSONValue
        do {
            tree = try ScenarioSource(data: Data(line.utf8), file: place).tree
        } catch let error as ScenarioError {
            throw ScenarioError.invalid(ScenarioIssue(file: place, path: "", message: "not a JSON object: \(error)"))
        }
        func issue(_ field: String, _ expected: String) -> ScenarioError {
            .invalid(ScenarioIssue(file: place, path: field, message: "expected \(expected)", value: tree[field]?.brief ?? "nothing"))
        }
        guard case .object(let point)? = tree["point"] else { throw issue("point", "an object of field values") }
        guard case .string(let policy)? = tree["policy"] else { throw issue("policy", "a policy name") }
        guard case .number(let seed)? = tree["seed"], seed >= 0, seed == seed.rounded(), seed <= 9.0e15 else {
            throw issue("seed", "a whole number >= 0")
        }
        guard case .object(let metrics)? = tree["metrics"] else { throw issue("metrics", "an object of metric values") }
        self.point = point.map { Override(path: $0.key, value: $0.value) }
        self.policy = policy
        self.seed = UInt64(seed)
        switch tree["trainingSeed"] {
        case nil: trainingSeed = nil
        case .number(let x)? where x >= 0 && x == x.rounded() && x < 0x1p53: trainingSeed = UInt64(x)
        default: throw issue("trainingSeed", "a whole number >= 0")
        }
        self.metrics = try metrics.map { member in
            switch member.value {
            case .number(let x): return (member.key, x)
            case .null: return (member.key, .nan)
            default: throw issue("metrics", "numbers (\(member.key) is \(member.value.typeName))")
            }
        }
        guard let perEpisode = tree["episodes"] else { self.episodes = []; return }
        guard case .object(let lists) = perEpisode else { throw issue("episodes", "an object of per-episode value lists") }
        self.episodes = try lists.map { member in
            guard case .array(let items) = member.value else { throw issue("episodes", "lists of numbers (\(member.key) is \(member.value.typeName))") }
            return (member.key, try items.map { item in
                switch item {
                case .number(let x): return x
                case .null: return .nan
                default: throw issue("episodes", "lists of numbers (\(member.key) holds \(item.typeName))")
                }
            })
        }
    }
}

extension SweepRecord {
    /// The long-format table of `records` (``LongTable``): the point's fields as columns, named by
    /// their paths in the first record's order, and a row per episode and metric of each record.
    public static func longTable(_ records: [SweepRecord], scenario: String) -> LongTable {
        var table = LongTable(pointColumns: records.first?.point.map(\.path) ?? [])
        for record in records {
            let values = table.pointColumns.map { path -> String in
                guard let value = record.point.first(where: { $0.path == path })?.value else { return "" }
                if case .string(let text) = value { return text }
                return value.rendered(indent: 0)
            }
            table.add(scenario: scenario, point: values, policy: record.policy, seed: record.seed,
                      metrics: record.episodes.map { (name: $0.name, stats: RunningStats($0.values)) })
        }
        return table
    }
}
