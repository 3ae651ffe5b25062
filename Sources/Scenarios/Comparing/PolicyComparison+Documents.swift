import Engine
import Foundation

extension PolicyComparison {
    /// `sim compare --json`:
    /// `{"scenario", "seeds", "policies", "metrics": {"<metric>": {"perPolicy": {"<P>": {"perSeed",
    /// "mean", "ci95"}}, "pairedAgainst": P0, "differences": {"<P>": {"mean", "ci95", "wins", "losses",
    /// "ties"}}}}}` — differences are P minus P0 per seed, in seed order, for every P after P0. With
    /// `--retrain`, `"trainingSeeds": {"<P>": [training seed per evaluation seed]}` for the learned policies.
    public var document: JSONValue {
        let metricMembers = metrics.indices.map { m in
            let perPolicy = policies.indices.map { p in
                let interval = interval(metric: m, policy: p)
                return JSONValue.Member(key: policies[p], value: .object([
                    "perSeed": .array(values[m][p].map(JSONValue.number)),
                    "mean": .number(interval.mean),
                    "ci95": Self.bounds(interval),
                ]))
            }
            let differences = policies.indices.dropFirst().map { p in
                let paired = difference(metric: m, policy: p)
                return JSONValue.Member(key: policies[p], value: .object([
                    "mean": .number(paired.interval.mean), "ci95": Self.bounds(paired.interval),
                    "wins": .number(Double(paired.wins)), "losses": .number(Double(paired.losses)),
                    "ties": .number(Double(paired.ties)),
                ]))
            }
            return JSONValue.Member(key: metrics[m], value: .object([
                "perPolicy": .object(perPolicy), "pairedAgainst": .string(baseline), "differences": .object(differences),
            ]))
        }
        var members: [JSONValue.Member] = [
            JSONValue.Member(key: "scenario", value: .string(scenario)),
            JSONValue.Member(key: "seeds", value: .array(seeds.map { .number(Double($0)) })),
            JSONValue.Member(key: "policies", value: .array(policies.map(JSONValue.string))),
            JSONValue.Member(key: "metrics", value: .object(metricMembers)),
        ]
        if !trainingSeeds.isEmpty {
            members.append(JSONValue.Member(key: "trainingSeeds", value: .object(trainingSeeds.map { entry in
                JSONValue.Member(key: entry.policy, value: .array(entry.seeds.map { .number(Double($0)) }))
            })))
        }
        return .object(members)
    }

    /// `sim compare --csv`: one row per (metric, policy) with the mean, its interval and, after the
    /// baseline row, the paired difference against the baseline. Undefined values are empty fields.
    public var csv: String {
        var lines = ["metric,policy,seeds,mean,ci95Low,ci95High,pairedAgainst,diffMean,diffCi95Low,diffCi95High,wins,losses,ties"]
        for m in metrics.indices {
            for p in policies.indices {
                let interval = interval(metric: m, policy: p)
                var fields = [Self.csvField(metrics[m]), Self.csvField(policies[p]), String(seeds.count),
                              Self.csvNumber(interval.mean), Self.csvNumber(interval.lower), Self.csvNumber(interval.upper)]
                if p == 0 {
                    fields += ["", "", "", "", "", "", ""]
                } else {
                    let paired = difference(metric: m, policy: p)
                    fields += [Self.csvField(baseline), Self.csvNumber(paired.interval.mean), Self.csvNumber(paired.interval.lower),
                               Self.csvNumber(paired.interval.upper), String(paired.wins), String(paired.losses), String(paired.ties)]
                }
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func bounds(_ interval: MeanInterval) -> JSONValue {
        .array([.number(interval.lower), .number(interval.upper)])
    }

    private static func csvNumber(_ value: Double) -> String { value.isFinite ? JSONText.number(value) : "" }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
