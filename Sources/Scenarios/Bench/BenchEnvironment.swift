import Foundation

/// The machine a benchmark ran on: cores and load, reported next to the figures because the
/// reference machine is shared and measurements taken under load are noisy.
public struct BenchEnvironment: Sendable, Equatable {
    /// Active processor count.
    public let cores: Int
    /// The 1-minute load average from `/proc/loadavg`, nil where it is not available.
    public let loadAverage: Double?

    /// The current machine.
    public static func current() -> BenchEnvironment {
        let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)
        let load = text?.split(separator: " ").first.flatMap { Double($0) }
        return BenchEnvironment(cores: ProcessInfo.processInfo.activeProcessorCount, loadAverage: load)
    }

    public init(cores: Int, loadAverage: Double?) {
        self.cores = cores
        self.loadAverage = loadAverage
    }

    /// `{"cores": N, "loadAverage": x | null}`.
    public var json: JSONValue {
        .object(["cores": .number(Double(cores)), "loadAverage": loadAverage.map(JSONValue.number) ?? .null])
    }
}
