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
