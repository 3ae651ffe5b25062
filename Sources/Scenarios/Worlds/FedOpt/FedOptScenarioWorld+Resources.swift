/// What a fedopt run allocates: every client's optimum w_i*, curvature diagonal A_i
/// and working copy of w (three d-vectors), the server's model, and per-round series.
extension FedOptScenarioWorld {
    static func memoryEstimate(clients: Int, dimension: Int, header: ScenarioHeader) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        estimate.add("world.clients", count: Double(clients) * Double(dimension), bytesEach: 24,
                     what: "clients × dimension of optima, curvatures and local models", value: .number(Double(clients)),
                     hint: "lower world.clients or world.dimension")
        return estimate
    }
}

/// The arithmetic of one fedopt round (checked against ``ResourceLimits/maxWork``): k clients run E
/// local gradient steps in d dimensions, k·E·d, and the losses F(w) and every client's f_i(w) are
/// evaluated over all n clients before and after, 3·n·d. The abstraction of the tabular policies
/// simulates such rounds too.
extension FedOptScenarioWorld {
    static func workEstimate(clients: Int, dimension: Int, k: Int, localSteps: Int) -> WorkEstimate {
        var estimate = WorkEstimate()
        let n = Double(clients), d = Double(dimension)
        estimate.add("world.dimension", operations: Double(k) * Double(localSteps) * d + 3 * n * d,
                     what: "one round: \(k) clients × \(localSteps) local steps and \(clients) clients' losses in \(dimension) dimensions",
                     value: .number(d), hint: "lower world.dimension, world.clients or world.localSteps")
        return estimate
    }
}
