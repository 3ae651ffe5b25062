import Agents
import Engine

/// What a tabular run allocates, estimated before anything is built.
extension TabularScenarioWorld {
    /// Policy kinds that keep a table over (s_g, count vector of k agents), and the bytes per entry:
    /// a deterministic table holds one action; learners hold a value per global action (multiplied in).
    static let countVectorTableKinds: [String: Double] = ["tabular": 8, "g-learn": 8, "subsample-mfq": 8, "alternating-marl": 8]
    static let learnerKinds: Set<String> = ["g-learn", "subsample-mfq", "alternating-marl"]

    /// The ring-zones tables alone: P_l (3 z^3) and P_g (z^3) doubles, each with its cumulative copy.
    static func tableEstimate(zones z: Int, path: String) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let cube = Double(z) * Double(z) * Double(z)
        estimate.add(path, count: 4 * cube, bytesEach: 16, what: "\(z) zones: P_l and P_g entries with cumulative rows",
                     value: .number(Double(z)), hint: "use fewer zones")
        return estimate
    }

    /// Everything a run keeps: the population, the k-subsample buffers, the per-step reward series,
    /// the game tables, and for each policy with a count-vector table its C(k+L-1, L-1)·|S_g| entries.
    static func memoryEstimate(game: TabularGame, config: TabularWorldConfig, episodes: Int,
                               policies: [(name: String, reader: ObjectReader)]) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let n = Double(config.agents), k = Double(config.k)
        estimate.add("world.localAgents", count: n, bytesEach: 1, what: "local agents, 1 byte of state each",
                     value: .number(n), hint: "lower world.localAgents")
        estimate.add("observation.k", count: k, bytesEach: 40, what: "k-subsample buffers",
                     value: .number(k), hint: "lower observation.k")
        let steps = Double(episodes) * Double(config.horizon)
        let driver = episodes > config.horizon ? "episodes" : "horizon"
        estimate.add(driver, count: steps, bytesEach: 16, what: "episodes × horizon steps of the recorded reward series",
                     value: .number(Double(episodes > config.horizon ? episodes : config.horizon)),
                     hint: "lower episodes or horizon")
        let tables = Double(game.localTransition.count + game.globalTransition.count)
        estimate.add("world", count: tables, bytesEach: 16, what: "game transition tables with cumulative rows",
                     hint: "use a smaller world")
        let vectors = MemoryEstimate.binomial(config.k + game.localStates - 1, game.localStates - 1)
        for (name, reader) in policies {
            guard case .string(let kind)? = reader.members.first(where: { $0.key == "kind" })?.value,
                  let bytes = countVectorTableKinds[kind] else { continue }
            let perEntry = learnerKinds.contains(kind) ? bytes * Double(game.globalActions) : bytes
            // The rank table of CountVectorSpace holds (k+L)^2/2 binomials besides.
            let entries = vectors * Double(game.globalStates) + (k + Double(game.localStates)) * (k + Double(game.localStates)) / 2
            estimate.add("observation.k", count: entries, bytesEach: perEntry,
                         what: "policy '\(name)' (\(kind)) table over s_g and count vectors of k = \(config.k) agents in "
                             + "\(game.localStates) local states: \(game.globalStates) × C(\(config.k + game.localStates - 1), \(game.localStates - 1)) entries",
                         value: .number(k), hint: "lower observation.k or use fewer local states")
        }
        return estimate
    }

    /// Checks the number of events the schedules will dispatch up to `endTime` (a Poisson rate of 2^31
    /// per tick is valid but never ends). Triggered kinds fire at most as often as their trigger.
    static func checkEvents(_ schedule: [(kind: EventKind, schedule: Schedule)], endTime: SimTime, agents: Int,
                            limits: ResourceLimits, context: ConfigContext) throws {
        func count(_ kind: EventKind, depth: Int) -> Double {
            guard depth <= schedule.count, let entry = schedule.first(where: { $0.kind == kind }) else { return 0 }
            switch entry.schedule {
            case .every(let period, let offset): return max(0, ((endTime - offset) / period).rounded(.up))
            case .poisson(let rate, let perAgent): return rate * endTime * (perAgent ? Double(agents) : 1)
            case .triggeredBy(let trigger, _): return count(trigger, depth: depth + 1)
            case .never: return 0
            }
        }
        let counts = schedule.map { (kind: $0.kind, events: count($0.kind, depth: 0)) }
        guard let largest = counts.max(by: { $0.events < $1.events }) else { return }
        try limits.checkEvents(counts.reduce(0) { $0 + $1.events }, path: "schedule." + largest.kind.name,
                               what: "\(MemoryEstimate.number(largest.events.rounded(.up))) of them '\(largest.kind.name)' over \(JSONText.number(endTime)) time units",
                               hint: "lower the rate or raise the period", context: context)
    }
}
