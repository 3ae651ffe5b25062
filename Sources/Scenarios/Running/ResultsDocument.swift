import Engine

/// The machine-readable results formats of README.md, "Machine-readable outputs".
public enum ResultsDocument {
    /// `{"mean": x, "std": x, "min": x, "max": x, "n": N}`.
    public static func summary(_ stats: RunningStats) -> JSONValue {
        .object(["mean": .number(stats.mean), "std": .number(stats.standardDeviation),
                 "min": .number(stats.count > 0 ? stats.min : .nan), "max": .number(stats.count > 0 ? stats.max : .nan),
                 "n": .number(Double(stats.count))])
    }

    /// `sim run --out`: `{"scenario", "seed", "policy", "metrics", "events", "simulatedTime",
    /// "wallSeconds"}`. With `timing: false`, `wallSeconds` and wall-clock metrics (`wallSecondsPerStep`) are
    /// `null` so that equal runs — and a resumed run and an uninterrupted one — give byte-identical files.
    public static func run(scenario: String, seed: UInt64, policy: String, outcome: RunOutcome, timing: Bool) -> JSONValue {
        .object([
            "scenario": .string(scenario),
            "seed": .number(Double(seed)),
            "policy": .string(policy),
            "metrics": .object(outcome.metrics.map {
                JSONValue.Member(key: $0.name, value: !timing && $0.name.hasPrefix("wall") ? .null : summary($0.stats))
            }),
            "events": .number(Double(outcome.events)),
            "simulatedTime": .number(outcome.simulatedTime),
            "wallSeconds": timing ? .number(outcome.wallSeconds) : .null,
        ])
    }
}
