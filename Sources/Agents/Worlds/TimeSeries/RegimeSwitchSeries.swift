import Engine

/// The `regime-switch` world — our own stress test, not from FedMOE.
///
/// AR(1) regimes with abrupt change points and a gradual drift of the level:
/// y_{n+1} = μ_r(n) + drift · n + φ_r (y_n − μ_r(n) − drift · n) + noise · ε_n,
/// where the regime r advances cyclically through (`levels`, `coefficients`) every `regimeLength` steps.
/// ε_n ~ N(0, 1) comes from the `data` stream cell (agent −1, step n). x_t = y_t.
public struct RegimeSwitchSeries: Sendable, Equatable {
    /// R (default 200).
    public var rounds = 200
    /// Mean level μ_r of each regime (default 0, 0.8, −0.6).
    public var levels: [Double] = [0, 0.8, -0.6]
    /// AR coefficient φ_r of each regime (default 0.9, −0.5, 0.3).
    public var coefficients: [Double] = [0.9, -0.5, 0.3]
    /// Steps between change points (default 50).
    public var regimeLength = 50
    /// Level drift per step (default 0.002).
    public var drift = 0.002
    /// Innovation standard deviation (default 0.05).
    public var noise = 0.05

    public init() {}

    /// The regime index in force at step n.
    public func regime(at n: Int) -> Int { (n / regimeLength) % levels.count }

    /// The world's data.
    /// - Precondition: `rounds >= 1`, `regimeLength >= 1`, equally many levels and coefficients (>= 1).
    public func data(seed: UInt64) -> TimeSeriesData {
        precondition(rounds >= 1 && regimeLength >= 1, "regime-switch: rounds and regimeLength must be >= 1")
        precondition(!levels.isEmpty && levels.count == coefficients.count,
                     "regime-switch: \(levels.count) levels, \(coefficients.count) coefficients")
        let stream = RandomStream(seed: seed, .data)
        var y = [levels[0]]
        for n in 0..<rounds {
            let r = regime(at: n)
            let mean = levels[r] + drift * Double(n)
            var g = stream.generator(agent: -1, step: n)
            y.append(mean + coefficients[r] * (y[n] - mean) + noise * g.normal())
        }
        return TimeSeriesData(inputs: .column(y), targets: .column(y))
    }
}
