import Engine

/// What a continuous-robots run allocates: one Double of state per robot, the
/// per-step reward series, and for learned policies a table over s_g and the count vectors of k robots
/// in `bins` histogram bins.
extension RobotsContinuousScenarioWorld {
    static func memoryEstimate(agents: Int, k: Int, bins: Int, globalActions: Int, header: ScenarioHeader,
                               schedule: [(kind: EventKind, schedule: Schedule)],
                               policies: [(name: String, reader: ObjectReader)]) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        estimate.add("world.localAgents", count: Double(agents), bytesEach: 8, what: "robots, one Double of state each",
                     value: .number(Double(agents)), hint: "lower world.localAgents")
        estimate.add("observation.k", count: Double(k), bytesEach: 40, what: "k-subsample buffers", value: .number(Double(k)),
                     hint: "lower observation.k")
        estimate.addStepSeries(schedule: schedule, episodes: header.episodes, horizon: header.horizon, agents: agents)
        // The binned game: s_g and s_l are histogram bins, the global actions are the targets.
        let vectors = MemoryEstimate.binomial(k + bins - 1, bins - 1) * Double(bins)
        for (name, reader) in policies where header.isSelected(name) {
            guard case .string(let kind)? = reader.members.first(where: { $0.key == "kind" })?.value,
                  TabularScenarioWorld.learnerKinds.contains(kind) else { continue }
            estimate.add("observation.k", count: vectors, bytesEach: 8 * Double(globalActions),
                         what: "policy '\(name)' (\(kind)) values over s_g and count vectors of k = \(k) robots in \(bins) bins",
                         value: .number(Double(k)), hint: "lower observation.k or world.bins")
            estimate.addTraining(policy: name, kind: kind, reader: reader, globalStates: bins, localStates: bins,
                                 localUsesNextGlobal: false, k: k, worldPath: "world.bins")
        }
        return estimate
    }
}
