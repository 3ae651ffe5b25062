/// What a continuous-robots run allocates: one Double of state per robot, the
/// per-step reward series, and for learned policies a table over s_g and the count vectors of k robots
/// in `bins` histogram bins.
extension RobotsScenarioWorld {
    static func memoryEstimate(agents: Int, k: Int, bins: Int, globalStates: Int, header: ScenarioHeader,
                               policies: [(name: String, reader: ObjectReader)]) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        estimate.add("world.localAgents", count: Double(agents), bytesEach: 8, what: "robots, one Double of state each",
                     value: .number(Double(agents)), hint: "lower world.localAgents")
        estimate.add("observation.k", count: Double(k), bytesEach: 40, what: "k-subsample buffers", value: .number(Double(k)),
                     hint: "lower observation.k")
        estimate.add("horizon", count: Double(header.episodes) * Double(header.horizon), bytesEach: 16,
                     what: "episodes × horizon steps of the recorded reward series", value: .number(Double(header.horizon)),
                     hint: "lower episodes or horizon")
        let vectors = MemoryEstimate.binomial(k + bins - 1, bins - 1) * Double(globalStates)
        for (name, reader) in policies {
            guard case .string(let kind)? = reader.members.first(where: { $0.key == "kind" })?.value,
                  TabularScenarioWorld.learnerKinds.contains(kind) else { continue }
            estimate.add("observation.k", count: vectors, bytesEach: 8 * Double(globalStates),
                         what: "policy '\(name)' (\(kind)) values over s_g and count vectors of k = \(k) robots in \(bins) bins",
                         value: .number(Double(k)), hint: "lower observation.k or world.bins")
        }
        return estimate
    }
}
