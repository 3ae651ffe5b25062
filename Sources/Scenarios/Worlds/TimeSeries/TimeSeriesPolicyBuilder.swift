import Agents

/// Reads `policies.<name>` of the time-series worlds: `kind` picks one of ``ForecastPolicyFamilies``, whose
/// type reads the rest (``ScenarioForecastPolicy/read(_:_:)``; the keys are listed beside each family's
/// reader). Every policy but `persistence` reads `anchor` ("replay", default, or "last":
/// Ŷ_i,t+1 = y_t + Z_i,t β_i,t). Any policy may override the world's clients with its own `encoder`
/// { … } — only explicitly, since policies compared under one seed should share their clients; such runs
/// say so in the `worldTick` trace (`encoderOverride: true`) and in `sim step`'s `show global`.
enum TimeSeriesPolicyBuilder {
    static func build(_ entries: [(name: String, reader: ObjectReader)], context: ForecastPolicyContext) throws
        -> [(name: String, policy: any ScenarioForecastPolicy)] {
        try entries.map { entry in
            var r = entry.reader
            let families = ForecastPolicyFamilies.all
            let kind = try r.string("kind", oneOf: families.map { $0.kind })
            guard let family = families.first(where: { $0.kind == kind }) else { throw r.issue("kind", "unknown policy kind") }
            let policy = try family.read(&r, context)
            if let problem = policy.problem {
                throw r.issue("kind", problem, value: .string(kind))
            }
            try r.finish()
            return (entry.name, policy)
        }
    }

    /// The largest α·(T − 1) allowed: the oldest step of a window is weighted e^{−α(T−1)}, and below
    /// e^{−25} ≈ 10^{−11} that weight vanishes next to the others in the window's normal equations, which
    /// then lose positive definiteness in floating point.
    static let maxDiscountExponent = 25.0

    static func checkDiscount(_ alpha: Double, window: Int, path: String, reader: ObjectReader) throws {
        guard alpha * Double(window - 1) > maxDiscountExponent else { return }
        throw reader.context.issue(path, "alpha × (window − 1) must be at most \(Int(maxDiscountExponent)) (window \(window)): "
                                   + "the oldest step's weight e^(−alpha·(window − 1)) would vanish in floating point",
                                   value: .number(alpha), hint: "use alpha <= \(maxDiscountExponent / Double(max(window - 1, 1))) or a shorter window")
    }
}
