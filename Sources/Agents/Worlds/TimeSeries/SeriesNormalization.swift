/// How a `csv` world scales its cut window.
public enum SeriesNormalization: String, Sendable, CaseIterable {
    /// No scaling (default).
    case none
    /// Row t of the inputs is divided by the largest |entry| of the input rows 0 … t, and target row t by
    /// the largest |target| of rows 0 … t: only the past and present are read, never the future.
    case running
    /// FedMOE's choice: the whole input matrix is divided by its maximum entry, the target by its own
    /// maximum, both over the whole window. It reads the future (the maxima include later rows); the
    /// README flags this.
    case windowMax

    /// Applies the normalization to a cut window.
    /// Edge cases: a zero scale (all-zero prefix or window) leaves the rows unscaled rather than dividing by
    /// 0.
    public func apply(_ data: TimeSeriesData) -> TimeSeriesData {
        switch self {
        case .none:
            return data
        case .windowMax:
            return TimeSeriesData(inputs: Self.divide(data.inputs, by: data.inputs.elements.max() ?? 1),
                                  targets: Self.divide(data.targets, by: data.targets.elements.max() ?? 1))
        case .running:
            return TimeSeriesData(inputs: Self.runningScaled(data.inputs), targets: Self.runningScaled(data.targets))
        }
    }

    private static func divide(_ m: Matrix, by scale: Double) -> Matrix {
        guard scale != 0, scale.isFinite else { return m }
        return (1 / scale) * m
    }

    private static func runningScaled(_ m: Matrix) -> Matrix {
        var out = m
        var scale = 0.0
        for t in 0..<m.rows {
            for j in 0..<m.columns { scale = max(scale, abs(m[t, j])) }
            guard scale > 0 else { continue }
            for j in 0..<m.columns { out[t, j] = m[t, j] / scale }
        }
        return out
    }
}
