/// The `periodic` world: the series
/// cycles through `levels`, value n = levels[(n + 1) mod count]; x_t = y_t = s_t (+ optional noise).
/// With the defaults it runs −0.78, −0.06, 0.9, −0.9, …
public struct PeriodicSeries: Sendable, Equatable {
    /// R (default 200).
    public var rounds = 200
    /// The cycle (default −0.9, −0.78, −0.06, 0.9: the periods 5, 6, 12, 20 min-max mapped onto [−0.9, 0.9]).
    public var levels: [Double] = [-0.9, -0.78, -0.06, 0.9]
    /// Observation noise standard deviation (default 0), from the `data` stream.
    public var noise = 0.0

    public init() {}

    /// The noiseless values s_0 … s_R.
    public func values() -> [Double] {
        (0...rounds).map { levels[($0 + 1) % levels.count] }
    }

    /// The world's data.
    /// - Precondition: `rounds >= 1`, `levels` non-empty.
    public func data(seed: UInt64) -> TimeSeriesData {
        precondition(rounds >= 1 && !levels.isEmpty, "periodic: need rounds >= 1 and at least one level")
        let v = ObservationNoise.add(noise, to: values(), seed: seed)
        return TimeSeriesData(inputs: .column(v), targets: .column(v))
    }
}
