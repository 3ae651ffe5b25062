import Engine
import Foundation

/// The `logistic` world:
/// s_0 = x0, s_n = r_n s_{n−1} (1 − s_{n−1}),
/// r_n = rate + amplitude · Σ_f sin(2π f τ_n), τ_n = n / (R + 2); x_t = y_t = s_t (+ optional noise).
public struct LogisticSeries: Sendable, Equatable {
    /// R (default 200).
    public var rounds = 200
    /// s_0 (default 0.6).
    public var initialValue = 0.6
    /// Base rate (default 3.6).
    public var rate = 3.6
    /// Amplitude of the rate modulation (default 0.13).
    public var amplitude = 0.13
    /// Modulation frequencies (default 5, 11, 13).
    public var frequencies: [Double] = [5, 11, 13]
    /// Standard deviation of observation noise added to every value (default 0), from the `data` stream.
    public var noise = 0.0

    public init() {}

    /// The default series with R = `rounds`.
    public static func withRounds(_ rounds: Int) -> LogisticSeries {
        var s = LogisticSeries()
        s.rounds = rounds
        return s
    }

    /// r_n of the recursion.
    public func rate(at n: Int) -> Double {
        let tau = Double(n) / Double(rounds + 2)
        return rate + amplitude * frequencies.reduce(0) { $0 + sin(2 * Double.pi * $1 * tau) }
    }

    /// The noiseless series s_0 … s_R.
    public func values() -> [Double] {
        var s = [initialValue]
        for n in 1...max(1, rounds) {
            let prev = s[n - 1]
            s.append(rate(at: n) * prev * (1 - prev))
        }
        return Array(s.prefix(rounds + 1))
    }

    /// The world's data (input = target = the current value).
    /// - Precondition: `rounds >= 1`.
    public func data(seed: UInt64) -> TimeSeriesData {
        precondition(rounds >= 1, "logistic: rounds must be >= 1, got \(rounds)")
        let v = ObservationNoise.add(noise, to: values(), seed: seed)
        return TimeSeriesData(inputs: .column(v), targets: .column(v))
    }
}

/// Observation noise shared by the synthetic worlds: value n gets `sd · N(0,1)` drawn from the `data`
/// stream cell (agent −1, step n), so every policy run with one seed sees the same noisy series.
enum ObservationNoise {
    static func add(_ sd: Double, to values: [Double], seed: UInt64) -> [Double] {
        guard sd != 0 else { return values }
        let stream = RandomStream(seed: seed, .data)
        return values.enumerated().map { n, v in
            var g = stream.generator(agent: -1, step: n)
            return v + sd * g.normal()
        }
    }
}
