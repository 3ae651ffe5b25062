import Engine
import Foundation

/// A server mixture: after y_t is revealed, the weights w_t are recomputed
/// from the clients' predictions Yhat_t of y_t; the server then predicts yhat_{t+1} = Σ_i w_i,t Yhat_i,t+1.
///
/// The server role of a time-series world; each rule names and describes itself, so the scenario reader
/// is built from the types.
public protocol MixtureRule: DescribedPolicy, Sendable {
    /// Updates `weights` (length N) given the clients' predictions of y_t (flat `[client][dimension]`)
    /// and y_t. `memory` is what the rule carries from round to round (empty at the start; part of the
    /// simulation's checkpointed state), so a rule value itself is configuration only.
    func update(predictions: [Double], target: [Double], weights: inout [Double], memory: inout [Double])
}

extension MixtureRule {
    /// The scenario's `mixture.kind`.
    public static var kind: String { family.kind }
    /// One line describing the rule.
    public static var summary: String { family.summary }
}

/// Which mixture a scenario names, with its parameters.
public enum MixtureConfig: Sendable, Equatable, Codable {
    /// FedMOE's constrained ridge: argmin |y_t − Yhat_t w|² + κ_S |w|² s.t. 1ᵀw = η.
    case ridge(kappaS: Double = 1, eta: Double = 1)
    /// Exponentiated gradient on the squared loss of the mixture, on the simplex.
    case eg(learningRate: Double = 0.5)
    /// Exponential weights on the clients' own cumulative squared losses.
    case hedge(learningRate: Double = 1)
    /// Equal weights 1/N.
    case uniform

    /// The rule, ready to run.
    public func makeRule() -> any MixtureRule {
        switch self {
        case let .ridge(k, e): return RidgeMixture(kappaS: k, eta: e)
        case let .eg(r): return ExponentiatedGradientMixture(learningRate: r)
        case let .hedge(r): return HedgeMixture(learningRate: r)
        case .uniform: return UniformMixture()
        }
    }

    /// The scenario name, the rule's ``MixtureRule/kind``.
    public var name: String { type(of: makeRule()).kind }
}

/// Equal weights.
public struct UniformMixture: MixtureRule {
    public static let family = PolicyFamily(kind: "uniform", summary: "equal weights 1/N")
    public init() {}
    public func update(predictions: [Double], target: [Double], weights: inout [Double], memory: inout [Double]) {
        for i in weights.indices { weights[i] = 1 / Double(weights.count) }
    }
}

/// Exponentiated gradient (Kivinen & Warmuth 1997) on ℓ(w) = |y_t − Σ_i w_i Yhat_i,t|²:
/// w_i ← w_i exp(−rate · ∂ℓ/∂w_i) / normalizer, starting from uniform. Weights stay on the simplex.
public struct ExponentiatedGradientMixture: MixtureRule {
    public static let family = PolicyFamily(kind: "eg", summary: "exponentiated gradient on the mixture's squared loss, on the simplex")
    public var learningRate: Double
    public init(learningRate: Double) { self.learningRate = learningRate }

    public func update(predictions: [Double], target: [Double], weights: inout [Double], memory: inout [Double]) {
        let n = weights.count, dy = target.count
        if weights.allSatisfy({ $0 == 0 }) { for i in 0..<n { weights[i] = 1 / Double(n) } }
        var residual = target
        for i in 0..<n { for d in 0..<dy { residual[d] -= weights[i] * predictions[i * dy + d] } }
        var logs = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var grad = 0.0
            for d in 0..<dy { grad += -2 * predictions[i * dy + d] * residual[d] }
            logs[i] = log(max(weights[i], .leastNormalMagnitude)) - learningRate * grad
        }
        softmax(logs, into: &weights)
    }
}

/// Hedge (Freund & Schapire 1997): w_i ∝ exp(−rate · L_i,t), L_i,t = Σ_{s ≤ t} |Yhat_i,s − y_s|²; the
/// cumulative losses L are the rule's memory.
public struct HedgeMixture: MixtureRule {
    public static let family = PolicyFamily(kind: "hedge", summary: "exponential weights on the clients' cumulative squared losses")
    public var learningRate: Double
    public init(learningRate: Double) { self.learningRate = learningRate }

    public func update(predictions: [Double], target: [Double], weights: inout [Double], memory cumulativeLoss: inout [Double]) {
        let n = weights.count, dy = target.count
        if cumulativeLoss.count != n { cumulativeLoss = [Double](repeating: 0, count: n) }
        for i in 0..<n {
            for d in 0..<dy {
                let e = predictions[i * dy + d] - target[d]
                cumulativeLoss[i] += e * e
            }
        }
        softmax(cumulativeLoss.map { -learningRate * $0 }, into: &weights)
    }
}

/// Numerically stable softmax (subtracts the maximum).
func softmax(_ logits: [Double], into out: inout [Double]) {
    let top = logits.max() ?? 0
    var total = 0.0
    for i in logits.indices {
        out[i] = exp(logits[i] - top)
        total += out[i]
    }
    for i in out.indices { out[i] /= total }
}
