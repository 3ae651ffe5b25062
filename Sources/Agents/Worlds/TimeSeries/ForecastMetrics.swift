/// The summary of one time-series run (the module README, "Time-series prediction", Metrics; names as in
/// "Machine-readable outputs"). RMSEs pool all target dimensions over the scored steps y_1 … y_R.
public struct ForecastMetrics: Sendable, Equatable {
    /// RMSE of the server mixture's predictions.
    public var mixtureRMSE: Double
    /// Mean over clients of each client's RMSE.
    public var meanClientRMSE: Double
    /// Largest client RMSE.
    public var worstClientRMSE: Double
    /// Largest cumulative realized cost over clients (evaluation weights, undiscounted).
    public var worstClientCost: Double
    /// Mean cumulative realized cost over clients.
    public var meanClientCost: Double
    /// Population standard deviation of the clients' cumulative costs (dispersion).
    public var clientCostStd: Double
    /// Messages per round (see ``ForecastSimulation`` for what counts).
    public var messages: Double
    /// Wall-clock seconds per round (not deterministic; excluded from golden outputs).
    public var wallSecondsPerStep: Double
    /// RMSE of the persistence forecast yhat_{t+1} = y_t on the same steps.
    public var naiveRMSE: Double
    /// The worst client's regret: max_i of its cumulative squared loss minus that of the best fixed
    /// correction of the last observation in hindsight on its own features, min_β Σ_t |y_t+1 − y_t − Z_i,t β|²
    /// (``HindsightCorrection``).
    public var worstClientRegret: Double

    /// (name, value) pairs in a fixed order, for rendering.
    public var named: [(String, Double)] {
        [("mixtureRMSE", mixtureRMSE), ("meanClientRMSE", meanClientRMSE), ("worstClientRMSE", worstClientRMSE),
         ("worstClientCost", worstClientCost), ("meanClientCost", meanClientCost), ("clientCostStd", clientCostStd),
         ("messages", messages), ("wallSecondsPerStep", wallSecondsPerStep), ("naiveRMSE", naiveRMSE),
         ("worstClientRegret", worstClientRegret)]
    }

    /// The metric names, in order.
    public static let names = ["mixtureRMSE", "meanClientRMSE", "worstClientRMSE", "worstClientCost",
                               "meanClientCost", "clientCostStd", "messages", "wallSecondsPerStep", "naiveRMSE",
                               "worstClientRegret"]
}
