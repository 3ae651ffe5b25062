/// A server mixture that is told the round and the predictions it is about to weigh, and may fail: the
/// server role of a time-series world decided outside the simulator (an external process).
///
/// The `mixtureUpdate` phase of round t asks it instead of ``MixtureRule/update(predictions:target:weights:memory:)``
/// (its ``MixtureRule`` conformance is then unused): w_t from the predictions of y_t, y_t, and the
/// predictions of y_t+1 that w_t will mix, yhat_t+1 = Σ_i w_i,t Yhat_i,t+1.
public protocol RoundMixtureRule: MixtureRule {
    /// Sets `weights` (one per expert: the N clients, then the persistence expert when it weighs in).
    /// - Parameters:
    ///   - predictions: the experts' predictions of y_t, flat `[expert][dimension]`.
    ///   - target: y_t.
    ///   - next: the experts' predictions of y_t+1, flat `[expert][dimension]`.
    /// - Throws: when the rule cannot answer (the run fails).
    func weigh(round t: Int, predictions: [Double], target: [Double], next: [Double], weights: inout [Double]) throws
}
