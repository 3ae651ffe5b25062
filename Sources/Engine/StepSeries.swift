/// A per-step time series recorder: `(time, value)` pairs in the order they were recorded.
public struct StepSeries: Codable, Sendable, Equatable {
    /// The metric's name.
    public let name: String
    /// Times of the samples.
    public private(set) var times: [SimTime] = []
    /// Sampled values.
    public private(set) var values: [Double] = []

    public init(name: String) { self.name = name }

    /// A series with these samples (checkpoint restore).
    /// - Precondition: `times.count == values.count`.
    public init(name: String, restoringTimes times: [SimTime], values: [Double]) {
        precondition(times.count == values.count, "StepSeries: \(times.count) times, \(values.count) values")
        self.name = name
        self.times = times
        self.values = values
    }

    /// Appends a sample.
    public mutating func record(_ value: Double, at time: SimTime) {
        times.append(time)
        values.append(value)
    }
}
