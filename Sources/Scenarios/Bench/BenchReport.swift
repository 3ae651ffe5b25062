/// The `sim bench --json` document:
/// `{"workloads": [{"name", "size", "medianSeconds", "minSeconds", "maxSeconds", "throughput", "unit",
/// "peakRSSBytes", "threads", "operations"}], "skipped": [{"name", "reason"}], "environment": {"cores",
/// "loadAverage"}}`. `threads`, `operations`, `skipped` and `environment` are additions to the
/// documented fields; readers may ignore them.
public enum BenchReport {
    public static func json(_ measurements: [BenchMeasurement], skipped: [(name: String, reason: String)],
                            environment: BenchEnvironment) -> JSONValue {
        .object([
            "workloads": .array(measurements.map(\.json)),
            "skipped": .array(skipped.map { JSONValue.object(["name": .string($0.name), "reason": .string($0.reason)]) }),
            "environment": environment.json,
        ])
    }
}
