import Agents

/// `persistence` has no key but the `encoder` override.
extension PersistencePolicy: ScenarioForecastPolicy {
    public static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> PersistencePolicy {
        PersistencePolicy(encoder: try context.encoderOverride(&r))
    }

    /// Copying y_t to every client adds nothing to the encoders and scores.
    public func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {}
}
