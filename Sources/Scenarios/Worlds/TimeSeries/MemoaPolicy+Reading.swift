import Agents

/// `memoa` reads the shared window-game keys, then `criterion` ("meanField" or "worstClient", with
/// `tolerance`, default 1e-6, `maxIterations`, default 2000, `worstCost` ("window", the default, or
/// "forecastError"), `meanWeight` ρ in [0, 1], default 0, and `worstWeights` ("window", the default, or
/// "online", with `weightRate` η > 0, default 10, and worstCost forecastError); worstClient uses its own solver, so
/// `consistency` does not apply) and `consistency` ("solve" or "iterate", with `tolerance` and
/// `maxIterations`). k comes from `observation.k`.
extension MemoaPolicy: ScenarioForecastPolicy {
    public static func read(_ r: inout ObjectReader, _ context: ForecastPolicyContext) throws -> MemoaPolicy {
        var policy = MemoaPolicy(game: try WindowGameSettings.read(&r, context), sampleSize: context.k)
        if try r.string("criterion", default: "meanField", oneOf: ["meanField", "worstClient"]) == "worstClient" {
            let cost = try r.string("worstCost", default: "window", oneOf: ["window", "forecastError"])
            policy.criterion = .worstClient(WorstClientSolver(
                tolerance: try r.double("tolerance", default: 1e-6, in: 1e-15...1),
                maxIterations: try r.int("maxIterations", default: 2000, in: 1...1_000_000),
                cost: WorstClientSolver.Cost(rawValue: cost) ?? .window,
                meanWeight: try r.double("meanWeight", default: 0, in: 0...1),
                weights: try r.string("worstWeights", default: "window", oneOf: ["window", "online"]) == "online"
                    ? .online(rate: try r.double("weightRate", default: 10, in: 1e-9...1e6)) : .window))
            if case .worstClient(let worst) = policy.criterion, worst.weights != .window, worst.cost != .forecastError {
                throw r.issue("worstWeights", "online weights move each client's own tracking weight, which needs worstCost forecastError",
                              value: .string("online"), hint: "add worstCost: \"forecastError\" or drop worstWeights")
            }
            if let k = context.k, k < context.clients {
                throw r.issue("criterion", "worstClient weighs every client's cost, so the mean-field comes from all N clients",
                              value: .string("worstClient"), hint: "drop observation.k (or set it to world.clients = \(context.clients))")
            }
        }
        let mode = try r.string("consistency", default: "solve", oneOf: ["solve", "iterate"])
        if mode == "iterate" && policy.criterion == .meanField {
            policy.consistency = .iterate(tolerance: try r.double("tolerance", default: 1e-12, in: 0...1),
                                          maxIterations: try r.int("maxIterations", default: 1000, in: 1...1_000_000))
        }
        try policy.game.finish(&r, context)
        return policy
    }

    /// Each client plans a Riccati pass twice and responds to T d_y unit mean-fields
    /// (``WindowGameSettings/responses(_:)``), then the (T d_y)³ consistent solve, or `maxIterations` ×
    /// N T d_y d_z when iterated; `worstClient` adds `maxIterations` × N (T d_y)² and a (2 T d_y)³ solve
    /// (`worstCost: forecastError`: `maxIterations` × the Riccati passes, responses and a (T d_y)³ solve).
    public func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape) {
        game.addWarmupWork(to: &estimate, shape)
        let n = shape.clients, t = Double(game.window), side = t * shape.targets
        let responses = game.responses(shape)
        switch (criterion, consistency) {
        case (.worstClient(let worst), _):
            // Online weights with ρ = 1 are the weighted problem at π alone: one step, no ascent.
            let iterations = worst.weights != .window && worst.meanWeight == 1 ? 1 : worst.maxIterations
            // forecastError plans every client again at every ascent step.
            let perIteration = n * side * side + (worst.cost == .forecastError ? responses + side * side * side : 0)
            estimate.add(shape.path, operations: responses + Double(iterations) * perIteration + 8 * side * side * side,
                         what: "memoa policy '\(shape.name)' (worstClient): \(iterations) iterations over \(MemoryEstimate.number(n)) clients and a window of \(game.window)",
                         hint: "lower maxIterations, use a shorter window or fewer clients")
        case (.meanField, .iterate(_, let iterations)):
            estimate.add(shape.path, operations: responses + Double(iterations) * n * side * shape.latentWidth,
                         what: "memoa policy '\(shape.name)': \(iterations) consistency iterations over \(MemoryEstimate.number(n)) clients",
                         hint: "lower maxIterations, use a shorter window or fewer clients")
        case (.meanField, .linearSolve):
            estimate.add(shape.path + ".window", operations: responses + side * side * side,
                         what: "memoa policy '\(shape.name)': every client's Riccati passes and the (T d_y)³ consistent mean-field over a window of \(game.window)",
                         value: .number(t), hint: "use a shorter window, a smaller latentWidth or fewer clients")
        }
        game.addMonteCarloWork(to: &estimate, shape)
    }

    /// The client-by-client mean-field game keeps no window copy; Monte-Carlo samples go through the
    /// generic ``WindowGame``.
    public func memoryPerClient(_ shape: ForecastEstimateShape) -> Double {
        game.mcSamples == 0 ? 0 : game.windowGameCopies(shape)
    }
}
