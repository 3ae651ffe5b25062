import Engine
import Foundation

/// One line of a sweep's JSON Lines output:
/// `{"point": {"<path>": value, ..}, "policy": P, "seed": N, "metrics": {"<metric>": x}}`, where x is
/// the metric's mean over the run's episodes.
public struct SweepRecord: Sendable, Equatable {
    /// The overridden fields, in axis order.
    public var point: [Override]
    /// Policy name.
    public var policy: String
    /// Seed.
    public var seed: UInt64
    /// Metric values, in the world's order.
    public var metrics: [(name: String, value: Double)]

    public init(point: [Override], policy: String, seed: UInt64, metrics: [(name: String, value: Double)]) {
        self.point = point
        self.policy = policy
        self.seed = seed
        self.metrics = metrics
    }

    public static func == (a: SweepRecord, b: SweepRecord) -> Bool {
        a.point == b.point && a.policy == b.policy && a.seed == b.seed
            && a.metrics.map(\.name) == b.metrics.map(\.name) && a.metrics.map(\.value) == b.metrics.map(\.value)
    }

    /// The record as one compact JSON line (no newline). Non-finite metric values are `null`.
    public var jsonLine: String {
        JSONValue.object([
            "point": .object(point.map { JSONValue.Member(key: $0.path, value: $0.value) }),
            "policy": .string(policy),
            "seed": .number(Double(seed)),
            "metrics": .object(metrics.map { JSONValue.Member(key: $0.name, value: .number($0.value)) }),
        ]).rendered(indent: 0)
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
        self.metrics = try metrics.map { member in
            switch member.value {
            case .number(let x): return (member.key, x)
            case .null: return (member.key, .nan)
            default: throw issue("metrics", "numbers (\(member.key) is \(member.value.typeName))")
            }
        }
    }
}
