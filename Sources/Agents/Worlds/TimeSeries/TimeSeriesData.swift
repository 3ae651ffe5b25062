/// One time-series world's data, aligned as in the module README, "Datasets and their conventions": a run of
/// R rounds uses R + 1 rows; at round t the input row x_t is used to predict the target row y_{t+1}.
public struct TimeSeriesData: Sendable, Equatable {
    /// Inputs, one row per time step (R + 1 rows × d_x).
    public var inputs: Matrix
    /// Targets, one row per time step (R + 1 rows × d_y).
    public var targets: Matrix

    /// - Precondition: both matrices have the same number of rows, at least 2.
    public init(inputs: Matrix, targets: Matrix) {
        precondition(inputs.rows == targets.rows, "TimeSeriesData: \(inputs.rows) input rows, \(targets.rows) target rows")
        precondition(inputs.rows >= 2, "TimeSeriesData: need at least 2 rows, got \(inputs.rows)")
        self.inputs = inputs
        self.targets = targets
    }

    /// R, the number of rounds (rows − 1).
    public var rounds: Int { inputs.rows - 1 }
    /// d_x.
    public var inputDimension: Int { inputs.columns }
    /// d_y.
    public var targetDimension: Int { targets.columns }

    /// Input row x_t.
    public func input(_ t: Int) -> [Double] { inputs.row(t) }
    /// Target row y_t.
    public func target(_ t: Int) -> [Double] { targets.row(t) }

    /// The persistence forecast's RMSE, yhat_{t+1} = y_t over t = 0 … R−1, pooled over dimensions
    /// (`naiveRMSE`).
    public var persistenceRMSE: Double {
        var total = 0.0
        for t in 0..<rounds {
            for d in 0..<targetDimension {
                let e = targets[t + 1, d] - targets[t, d]
                total += e * e
            }
        }
        return (total / Double(rounds * targetDimension)).squareRoot()
    }
}
