extension ForecastSimulation {
    /// Phase 3 for a client population decided outside the simulator (an external process): every
    /// client's prediction Yhat_i,t+1 of y_t+1, flat `[client][dimension]`, and its control β_i, flat
    /// `[client][column]` (nil: zero, as for `persistence`), which the realized cost's effort term
    /// γ |β_i|² scores.
    /// - Precondition: `predictions.count == N · d_y`, `controls.count == N · d_z`, all finite (the caller validates).
    public mutating func issue(predictions: [Double], controls: [Double]?) {
        precondition(predictions.count == state.nextPredictions.count, "issue: \(predictions.count) predictions for \(state.nextPredictions.count)")
        state.nextPredictions = predictions
        if let controls {
            precondition(controls.count == state.controls.count, "issue: \(controls.count) controls for \(state.controls.count)")
            state.controls = controls
        } else {
            for c in state.controls.indices { state.controls[c] = 0 }
        }
    }
}
