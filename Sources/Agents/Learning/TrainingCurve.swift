/// One learning curve of a training run: a quantity (the simulated team return, a Bellman residual, the
/// fraction of states visited, …) of one learner against its iteration, sweep or episode count.
/// Learners record them as they train; policy files keep them and `sim train --plot` draws them.
public struct TrainingCurve: Sendable, Equatable {
    /// What is measured, e.g. `teamReturn`, `bellmanResidual`, `visitedFraction` (one chart per quantity).
    public let quantity: String
    /// Who measured it, e.g. `G-LEARN`, `L-LEARN`, `start follow` (one series per learner).
    public let learner: String
    /// What x counts, e.g. `iteration`, `sweep`, `episode`.
    public let unit: String
    /// The points, in training order.
    public let x: [Double], y: [Double]

    /// - Precondition: `x.count == y.count`.
    public init(quantity: String, learner: String, unit: String, x: [Double], y: [Double]) {
        precondition(x.count == y.count, "a curve needs as many x as y values")
        self.quantity = quantity
        self.learner = learner
        self.unit = unit
        self.x = x
        self.y = y
    }
}
