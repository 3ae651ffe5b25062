import Foundation

/// A linear axis with "nice" ticks (1, 2 or 5 × 10^k apart) covering the data, mapped to pixels.
struct ChartAxis: Equatable {
    /// The axis range, widened to whole ticks.
    let low: Double, high: Double
    /// Tick positions, ascending.
    let ticks: [Double]
    /// The tick spacing.
    let step: Double

    /// An axis over `values` (non-finite values are ignored) with about `count` ticks.
    /// Edge cases: no finite value gives [0, 1]; equal values are padded by 10% of their size (or 1).
    init(covering values: [Double], count: Int = 5) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = Self.niceStep((high - low) / Double(max(1, count)))
        let first = (low / step).rounded(.down) * step, last = (high / step).rounded(.up) * step
        let n = Int(((last - first) / step).rounded())
        self.step = step
        self.low = first
        self.high = last
        ticks = (0...n).map { first + Double($0) * step }
    }

    /// The smallest of 1, 2, 5 × 10^k that is >= `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) { return factor * magnitude }
        return 10 * magnitude
    }

    /// Where `value` falls between `start` (at ``low``) and `end` (at ``high``) in pixels.
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - low) / (high - low) * (end - start)
    }

    /// A tick label with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        let text = String(format: "%.\(decimals)f", value)
        return text == "-" + String(format: "%.\(decimals)f", 0.0) ? String(text.dropFirst()) : text
    }
}

extension ChartAxis {
    /// A categorical axis: one tick per category at 0, 1, …, count - 1, with half a step of margin.
    init(categories count: Int) {
        low = -0.5
        high = Double(max(1, count)) - 0.5
        step = 1
        ticks = (0..<max(1, count)).map(Double.init)
    }
}
