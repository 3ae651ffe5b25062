import Agents

/// A server mixture as the time-series scenarios name it (``MixtureRule``): the reader of its
/// `world.mixture` keys. ``ScenarioMixtureRules`` lists them, so the `kind` choices come from the types.
protocol ScenarioMixtureRule: MixtureRule {
    /// Reads the rule's parameters (every key but `kind` and `persistence`).
    static func read(_ reader: inout ObjectReader) throws -> MixtureConfig
}

/// The mixture rules a scenario may name.
enum ScenarioMixtureRules {
    static let all: [any ScenarioMixtureRule.Type] = [RidgeMixture.self, ExponentiatedGradientMixture.self,
                                                      HedgeMixture.self, UniformMixture.self]
}

extension RidgeMixture: ScenarioMixtureRule {
    /// `kappaS` (default 1) and `eta` (default 1).
    static func read(_ m: inout ObjectReader) throws -> MixtureConfig {
        .ridge(kappaS: try m.double("kappaS", default: 1, in: 1e-12...1e12), eta: try m.double("eta", default: 1, in: -1e6...1e6))
    }
}

extension ExponentiatedGradientMixture: ScenarioMixtureRule {
    /// `learningRate` (default 0.5).
    static func read(_ m: inout ObjectReader) throws -> MixtureConfig {
        .eg(learningRate: try m.double("learningRate", default: 0.5, in: 0...1e6))
    }
}

extension HedgeMixture: ScenarioMixtureRule {
    /// `learningRate` (default 1).
    static func read(_ m: inout ObjectReader) throws -> MixtureConfig {
        .hedge(learningRate: try m.double("learningRate", default: 1, in: 0...1e6))
    }
}

extension UniformMixture: ScenarioMixtureRule {
    /// No parameters.
    static func read(_ m: inout ObjectReader) throws -> MixtureConfig { .uniform }
}
