/// One measurable workload instance of `sim bench` (a workload at one size and thread count).
///
/// `prepare` builds everything a run needs outside the timed region (populations, event times) and
/// returns the timed part, which returns how many operations (events or agent-steps) it performed.
public struct BenchCase: Sendable {
    /// What the throughput counts.
    public enum Unit: String, Sendable, Equatable {
        case eventsPerSecond = "events/s"
        case agentStepsPerSecond = "agent-steps/s"
        /// Whole solves (W4's value iterations); the median seconds is the figure that matters.
        case solvesPerSecond = "solves/s"
        /// Client-rounds of the time-series worlds (W6, W7).
        case clientStepsPerSecond = "client-steps/s"
    }

    /// The workload name (`W1` …).
    public let name: String
    /// Processes, events or agents, as the workload defines its size.
    public let size: Int
    /// What the throughput counts.
    public let unit: Unit
    /// Threads the population stepping may use.
    public let threads: Int
    /// Builds one run; the returned closure is the timed part.
    public let prepare: @Sendable () throws -> () throws -> Int
    /// The last timed run's seconds per part (encoders, policy, mixture …), for workloads that keep them.
    public var split: (@Sendable () -> [BenchMeasurement.Part])?

    public init(name: String, size: Int, unit: Unit, threads: Int, prepare: @escaping @Sendable () throws -> () throws -> Int) {
        self.name = name
        self.size = size
        self.unit = unit
        self.threads = threads
        self.prepare = prepare
    }
}
