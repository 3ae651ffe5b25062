import Engine

/// What `sim bench` measured for one ``BenchCase``: wall seconds of each timed repeat, the work done
/// and the peak resident memory.
public struct BenchMeasurement: Sendable, Equatable {
    /// Workload name, size, thread count and unit, copied from the case.
    public let name: String, size: Int, threads: Int, unit: BenchCase.Unit
    /// Wall seconds of each timed repeat (the warm-up excluded), in run order.
    public let seconds: [Double]
    /// Operations (events or agent-steps) of one run.
    public let operations: Int
    /// Peak resident set size in bytes while the workload ran (see ``PeakMemory``).
    public let peakRSSBytes: Int
    /// CPU seconds (user + system, all threads) of each timed repeat, when measured. On a shared
    /// machine they show what the run cost when wall time is inflated by other processes.
    public var cpuSeconds: [Double] = []
    /// Seconds per part of the last timed run (W6, W7: encoders, scoring, policy, mixture), else empty.
    public var split: [Part] = []

    /// One part of a run and its wall seconds.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var seconds: Double
        public init(name: String, seconds: Double) {
            self.name = name
            self.seconds = seconds
        }
    }

    /// Peak resident bytes per agent or client (peak RSS / size).
    public var bytesPerAgent: Double { Double(peakRSSBytes) / Double(max(1, size)) }

    public init(name: String, size: Int, threads: Int, unit: BenchCase.Unit, seconds: [Double], operations: Int, peakRSSBytes: Int) {
        precondition(!seconds.isEmpty, "a measurement needs at least one timed run")
        self.name = name
        self.size = size
        self.threads = threads
        self.unit = unit
        self.seconds = seconds
        self.operations = operations
        self.peakRSSBytes = peakRSSBytes
    }

    /// The median of ``seconds`` (the mean of the middle two for an even count).
    public var medianSeconds: Double {
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var minSeconds: Double { seconds.min()! }
    public var maxSeconds: Double { seconds.max()! }

    /// The median of ``cpuSeconds``, nil when not measured.
    public var medianCPUSeconds: Double? {
        guard !cpuSeconds.isEmpty else { return nil }
        let sorted = cpuSeconds.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Operations per second at the median time.
    public var throughput: Double { Double(operations) / medianSeconds }

    /// The `sim bench --json` entry: the documented fields, then `threads`, `operations` and
    /// `medianCPUSeconds` (null when not measured); W6 and W7 add `split` (seconds per part of the last
    /// timed run) and `bytesPerClient` (peak RSS / N).
    public var json: JSONValue {
        let fields: [(String, JSONValue)] = [
            ("name", .string(name)), ("size", .number(Double(size))),
            ("medianSeconds", .number(medianSeconds)), ("minSeconds", .number(minSeconds)), ("maxSeconds", .number(maxSeconds)),
            ("throughput", .number(throughput)), ("unit", .string(unit.rawValue)),
            ("peakRSSBytes", .number(Double(peakRSSBytes))),
            ("threads", .number(Double(threads))), ("operations", .number(Double(operations))),
            ("medianCPUSeconds", medianCPUSeconds.map(JSONValue.number) ?? .null),
        ]
        let extra: [(String, JSONValue)] = split.isEmpty ? [] : [
            ("split", .object(split.map { JSONValue.Member(key: $0.name, value: .number($0.seconds)) })),
            ("bytesPerClient", .number(bytesPerAgent)),
        ]
        return .object((fields + extra).map { JSONValue.Member(key: $0.0, value: $0.1) })
    }
}
