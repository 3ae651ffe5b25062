/// The performance floors of README.md, "Performance" that a measurement can be
/// held against (release build, the reference 2-core machine).
public struct BenchBudget: Sendable, Equatable {
    /// The floor in words, e.g. `>= 2e7 events/s`.
    public let text: String
    /// Whether the measurement meets it.
    public let met: Bool

    /// The budget that applies to `measurement`, nil when none does. `cores` is the number of cores
    /// the run could use; per-core throughput divides by min(threads, cores).
    public static func of(_ measurement: BenchMeasurement, cores: Int) -> BenchBudget? {
        let m = measurement
        switch (m.name, m.size) {
        case ("W1", 1_000): return BenchBudget(text: ">= 2e7 events/s", met: m.throughput >= 2e7)
        case ("W2", 1_000_000): return BenchBudget(text: ">= 1e7 events/s", met: m.throughput >= 1e7)
        case ("W3", 1_000_000):
            let perCore = m.throughput / Double(max(1, min(m.threads, cores)))
            return BenchBudget(text: ">= 1e8 agent-steps/s per core", met: perCore >= 1e8)
        case ("W3", 10_000_000): return BenchBudget(text: "peak RSS < 1 GiB", met: m.peakRSSBytes < 1 << 30)
        case ("W4", 30): return BenchBudget(text: "< 0.5 s", met: m.medianSeconds < 0.5)
        case ("W6", 1_000_000):
            return BenchBudget(text: ">= 2e6 client-steps/s, <= 1 KiB/client", met: m.throughput >= 2e6 && m.bytesPerAgent <= 1024)
        case ("W7", 1_000_000): return BenchBudget(text: ">= 1e7 client-steps/s", met: m.throughput >= 1e7)
        default: return nil
        }
    }
}
