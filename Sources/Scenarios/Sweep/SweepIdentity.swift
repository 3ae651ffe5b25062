import Engine
import Foundation

/// What makes a sweep *this* sweep, written as the first line of every sweep output (the header):
/// `{"sweep": {"scenario": NAME, "scenarioDigest": HEX, "axes": {"<path>": [values]}, "policies": [..],
/// "seeds": [..], "metrics": [..], "shard": "i/N"}}`.
///
/// Two outputs belong to the same sweep when everything but the shard agrees: the scenario file's bytes
/// (its ``StateDigest``), the axes with their values in order, the policies, the seeds and the
/// metrics. `sim merge` refuses files of different sweeps, a resumed shard refuses a file of another
/// sweep or shard, and every line is checked against its file's header, so a record cannot carry
/// another metric set or a point outside the sweep unnoticed.
public struct SweepIdentity: Sendable, Equatable {
    /// The scenario's `name` (for people; the digest is what identifies it).
    public var scenario: String
    /// ``StateDigest/of(_:)`` of the scenario file's bytes.
    public var scenarioDigest: UInt64
    /// The `--set` axes, in command-line order.
    public var axes: [SweepAxis]
    /// Policy names, in run order.
    public var policies: [String]
    /// Seeds, in the order given.
    public var seeds: [UInt64]
    /// Metric names, in line order.
    public var metrics: [String]
    /// The shard this output holds as (i, N), nil for the whole sweep (or a merged file).
    public var shard: Shard?
    /// `--retrain`: learned policies are trained anew for every run.
    public var retrain = false

    /// Shard i (1-based) of N.
    public struct Shard: Sendable, Equatable {
        public let index: Int
        public let count: Int
        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }

    public init(scenario: String, scenarioDigest: UInt64, axes: [SweepAxis], policies: [String], seeds: [UInt64],
                metrics: [String], shard: Shard?, retrain: Bool = false) {
        self.scenario = scenario
        self.scenarioDigest = scenarioDigest
        self.axes = axes
        self.policies = policies
        self.seeds = seeds
        self.metrics = metrics
        self.shard = shard
        self.retrain = retrain
    }

    /// The runs of the whole sweep.
    public var plan: SweepPlan { SweepPlan(axes: axes, policies: policies, seeds: seeds) }

    /// The runs this output should hold: its shard's, or all of them.
    public var items: [SweepPlan.Item] { shard.map { plan.items(shard: $0.index, of: $0.count) } ?? plan.items }

    /// The same identity without the shard: the header of a merged file.
    public var whole: SweepIdentity {
        var copy = self
        copy.shard = nil
        return copy
    }

    /// The fields in which `other` is another sweep, as `field: mine vs theirs` (the shard is not
    /// compared); empty when it is the same sweep.
    public func differences(from other: SweepIdentity) -> [String] {
        var list: [String] = []
        func note(_ field: String, _ mine: String, _ theirs: String) { if mine != theirs { list.append("\(field) \(mine) vs \(theirs)") } }
        let rendered = { (id: SweepIdentity) in id.fields.map { $0.value.rendered(indent: 0) } }
        let mine = rendered(self), theirs = rendered(other)
        for (i, member) in fields.enumerated() { note(member.key, mine[i], theirs[i]) }
        note("retrain", String(retrain), String(other.retrain))
        return list
    }

    /// Whether `line` is a header (an object whose first member is `sweep`) rather than a record.
    public static func isHeader(_ line: Substring) -> Bool {
        let body = line.drop { $0 == " " || $0 == "\t" }
        guard body.hasPrefix("{") else { return false }
        return body.dropFirst().drop { $0 == " " || $0 == "\t" }.hasPrefix("\"sweep\"")
    }

    /// The header line (compact JSON, no newline).
    public var headerLine: String {
        var members = fields
        if retrain { members.append(JSONValue.Member(key: "retrain", value: .bool(true))) }
        if let shard { members.append(JSONValue.Member(key: "shard", value: .string("\(shard.index)/\(shard.count)"))) }
        return JSONValue.object(["sweep": .object(members)]).rendered(indent: 0)
    }

    /// The members every header has, in order.
    private var fields: [JSONValue.Member] {
        [JSONValue.Member(key: "scenario", value: .string(scenario)),
         JSONValue.Member(key: "scenarioDigest", value: .string(Self.hex(scenarioDigest))),
         JSONValue.Member(key: "axes", value: .object(axes.map { JSONValue.Member(key: $0.path, value: .array($0.values)) })),
         JSONValue.Member(key: "policies", value: .array(policies.map(JSONValue.string))),
         JSONValue.Member(key: "seeds", value: .array(seeds.map { .number(Double($0)) })),
         JSONValue.Member(key: "metrics", value: .array(metrics.map(JSONValue.string)))]
    }

    /// 16 hexadecimal digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Parses a header line; `place` (e.g. `shard1.jsonl:1`) names it in errors.
    /// - Throws: ``ScenarioError/invalid(_:)`` naming the place and the missing or mistyped field.
    public init(line: String, place: String) throws {
        let tree: JSONValue
        do {
            tree = try ScenarioSource(data: Data(line.utf8), file: place).tree
        } catch let error as ScenarioError {
            throw ScenarioError.invalid(ScenarioIssue(file: place, path: "", message: "not a JSON object: \(error)"))
        }
        func issue(_ field: String, _ expected: String) -> ScenarioError {
            .invalid(ScenarioIssue(file: place, path: "sweep.\(field)", message: "expected \(expected)",
                                   value: tree["sweep"]?[field]?.brief ?? "nothing",
                                   hint: "the first line of a sweep output is the header sim sweep writes; do not edit it"))
        }
        func strings(_ field: String) throws -> [String] {
            guard case .array(let items)? = tree["sweep"]?[field] else { throw issue(field, "an array of names") }
            return try items.map { item in
                guard case .string(let name) = item else { throw issue(field, "an array of names") }
                return name
            }
        }
        guard case .string(let scenario)? = tree["sweep"]?["scenario"] else { throw issue("scenario", "the scenario's name") }
        guard case .string(let digest)? = tree["sweep"]?["scenarioDigest"], digest.count == 16, let value = UInt64(digest, radix: 16) else {
            throw issue("scenarioDigest", "16 hexadecimal digits")
        }
        guard case .object(let axes)? = tree["sweep"]?["axes"] else { throw issue("axes", "an object of value lists") }
        self.scenario = scenario
        self.scenarioDigest = value
        self.axes = try axes.map { member in
            guard case .array(let values) = member.value else { throw issue("axes", "an object of value lists") }
            return SweepAxis(path: member.key, values: values)
        }
        policies = try strings("policies")
        metrics = try strings("metrics")
        guard case .array(let seeds)? = tree["sweep"]?["seeds"] else { throw issue("seeds", "an array of whole numbers >= 0") }
        self.seeds = try seeds.map { seed in
            guard case .number(let x) = seed, x >= 0, x == x.rounded(), x <= 9.0e15 else { throw issue("seeds", "an array of whole numbers >= 0") }
            return UInt64(x)
        }
        switch tree["sweep"]?["retrain"] {
        case nil: retrain = false
        case .bool(let value)?: retrain = value
        default: throw issue("retrain", "true or false")
        }
        switch tree["sweep"]?["shard"] {
        case nil: shard = nil
        case .string(let text)?:
            let parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { throw issue("shard", "i/N with 1 <= i <= N") }
            shard = Shard(index: parts[0], count: parts[1])
        default: throw issue("shard", "i/N with 1 <= i <= N")
        }
    }
}
