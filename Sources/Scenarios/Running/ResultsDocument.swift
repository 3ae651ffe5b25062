import Engine

/// The machine-readable results formats of README.md, "Machine-readable outputs".
public enum ResultsDocument {
    /// `{"mean": x, "std": x, "min": x, "max": x, "n": N}`.
    /// A metric with no observation (`n` = 0) has `null` for each statistic, never 0.
    public static func summary(_ stats: RunningStats) -> JSONValue {
        guard stats.count > 0 else { return .object(["mean": .null, "std": .null, "min": .null, "max": .null, "n": .number(0)]) }
        return .object(["mean": .number(stats.mean), "std": .number(stats.standardDeviation),
                 "min": .number(stats.count > 0 ? stats.min : .nan), "max": .number(stats.count > 0 ? stats.max : .nan),
                 "n": .number(Double(stats.count))])
    }

    /// `sim run --out`: `{"scenario", "seed", "policy", "metrics", "events", "simulatedTime",
    /// "wallSeconds"}`, plus `"partial": true` when an interrupt cut the run short (its metrics then
    /// cover only the episodes completed before it). With `timing: false`, `wallSeconds` and wall-clock
    /// metrics (`wallSecondsPerStep`) are `null` so that equal runs — and a resumed run and an
    /// uninterrupted one — give byte-identical files.
    public static func run(scenario: String, seed: UInt64, policy: String, outcome: RunOutcome, timing: Bool) -> JSONValue {
        let metrics = JSONValue.object(outcome.metrics.map {
            JSONValue.Member(key: $0.name, value: !timing && $0.name.hasPrefix("wall") ? .null : summary($0.stats))
        })
        let head: [JSONValue.Member] = [.init(key: "scenario", value: .string(scenario)), .init(key: "seed", value: .number(Double(seed))),
                                        .init(key: "policy", value: .string(policy))]
        let partial: [JSONValue.Member] = outcome.stopped ? [.init(key: "partial", value: .bool(true))] : []
        return .object(head + partial + [
            .init(key: "metrics", value: metrics),
            .init(key: "events", value: .number(Double(outcome.events))),
            .init(key: "simulatedTime", value: .number(outcome.simulatedTime)),
            .init(key: "wallSeconds", value: timing ? .number(outcome.wallSeconds) : .null),
        ])
    }
}
