import Agents
import Engine

/// What a tabular run allocates, estimated before anything is built.
extension TabularScenarioWorld {
    /// The learned kinds.
    static let learnerKinds = Set(TabularLearner.allCases.map(\.family.kind))
    /// Policy kinds that keep a table over (s_g, count vector of k agents), 8 bytes per entry: a
    /// deterministic table holds one action; learners hold a value per global action (multiplied in).
    static let countVectorTableKinds = learnerKinds.union([TabularGlobalPolicy.family.kind])

    /// The ring-zones tables alone: P_l (3 z^3) and P_g (z^3) doubles, each with its cumulative copy.
    static func tableEstimate(zones z: Int, path: String) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let cube = Double(z) * Double(z) * Double(z)
        estimate.add(path, count: 4 * cube, bytesEach: 16, what: "\(z) zones: P_l and P_g entries with cumulative rows",
                     value: .number(Double(z)), hint: "use fewer zones")
        return estimate
    }

    /// Everything a run keeps: the population, the k-subsample buffers, the per-step reward series (one
    /// sample per `policyStep` event, counted from the schedule), the game tables, and for each policy
    /// with a count-vector table its C(k+L-1, L-1)·|S_g| entries.
    static func memoryEstimate(game: TabularGame, config: TabularWorldConfig, episodes: Int,
                               schedule: [(kind: EventKind, schedule: Schedule)],
                               policies: [(name: String, reader: ObjectReader)], worldPath: String = "world",
                               selected: (String) -> Bool = { _ in true }) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let n = Double(config.agents), k = Double(config.k)
        estimate.add("world.localAgents", count: n, bytesEach: 1, what: "local agents, 1 byte of state each",
                     value: .number(n), hint: "lower world.localAgents")
        estimate.add("observation.k", count: k, bytesEach: 40, what: "k-subsample buffers",
                     value: .number(k), hint: "lower observation.k")
        estimate.addStepSeries(schedule: schedule, episodes: episodes, horizon: config.horizon, agents: config.agents)
        let tables = Double(game.localTransition.count + game.globalTransition.count)
        estimate.add("world", count: tables, bytesEach: 16, what: "game transition tables with cumulative rows",
                     hint: "use a smaller world")
        let vectors = MemoryEstimate.binomial(config.k + game.localStates - 1, game.localStates - 1)
        for (name, reader) in policies where selected(name) {
            guard case .string(let kind)? = reader.members.first(where: { $0.key == "kind" })?.value,
                  countVectorTableKinds.contains(kind) else { continue }
            let perEntry = learnerKinds.contains(kind) ? 8 * Double(game.globalActions) : 8
            // The rank table of CountVectorSpace holds (k+L)^2/2 binomials besides.
            let entries = vectors * Double(game.globalStates) + (k + Double(game.localStates)) * (k + Double(game.localStates)) / 2
            estimate.add("observation.k", count: entries, bytesEach: perEntry,
                         what: "policy '\(name)' (\(kind)) table over s_g and count vectors of k = \(config.k) agents in "
                             + "\(game.localStates) local states: \(game.globalStates) × C(\(config.k + game.localStates - 1), \(game.localStates - 1)) entries",
                         value: .number(k), hint: "lower observation.k or use fewer local states")
            if learnerKinds.contains(kind) {
                estimate.addTraining(policy: name, kind: kind, reader: reader, globalStates: game.globalStates,
                                     localStates: game.localStates, localUsesNextGlobal: game.localUsesNextGlobal, k: config.k,
                                     worldPath: worldPath)
            }
        }
        return estimate
    }

    /// How many events of each kind the schedules dispatch up to `endTime`. Triggered kinds fire at most
    /// as often as their trigger.
    static func eventCounts(_ schedule: [(kind: EventKind, schedule: Schedule)], endTime: SimTime,
                            agents: Int) -> [(kind: EventKind, events: Double)] {
        func count(_ kind: EventKind, depth: Int) -> Double {
            guard depth <= schedule.count, let entry = schedule.first(where: { $0.kind == kind }) else { return 0 }
            switch entry.schedule {
            case .every(let period, let offset): return max(0, ((endTime - offset) / period).rounded(.up))
            case .poisson(let rate, let perAgent): return rate * endTime * (perAgent ? Double(agents) : 1)
            case .triggeredBy(let trigger, _): return count(trigger, depth: depth + 1)
            case .never: return 0
            }
        }
        return schedule.map { (kind: $0.kind, events: count($0.kind, depth: 0)) }
    }

    /// Checks the number of events the schedules will dispatch up to `endTime` (a Poisson rate of 2^31
    /// per tick is valid but never ends).
    static func checkEvents(_ schedule: [(kind: EventKind, schedule: Schedule)], endTime: SimTime, agents: Int,
                            limits: ResourceLimits, context: ConfigContext) throws {
        let counts = eventCounts(schedule, endTime: endTime, agents: agents)
        guard let largest = counts.max(by: { $0.events < $1.events }) else { return }
        try limits.checkEvents(counts.reduce(0) { $0 + $1.events }, path: "schedule." + largest.kind.name,
                               what: "\(MemoryEstimate.number(largest.events.rounded(.up))) of them '\(largest.kind.name)' over \(JSONText.number(endTime)) time units",
                               hint: "lower the rate or raise the period", context: context)
    }
}

extension MemoryEstimate {
    /// What training a learned policy allocates besides its table over (s_g, count vector): the local
    /// chain induced by π_l, P~_l over (s_g, s_g', s_l, s_l') (``InducedLocalDynamics``), and the count
    /// transition rows (``CountTransitionTable``: one row per (s_g, key, count vector), 8 bytes of row
    /// start plus 12 per entry; `rounding` keeps one entry per row, `monteCarlo` up to `samples`, `exact`
    /// up to the whole space), held three times (the table and the two G-LEARN kernels' copies), with the
    /// kernels' value, next-value, action and reward arrays (about 128 bytes per (s_g, count vector)).
    mutating func addTraining(policy name: String, kind: String, reader: ObjectReader, globalStates: Int, localStates: Int,
                              localUsesNextGlobal: Bool, k: Int, worldPath: String) {
        let g = Double(globalStates), l = Double(localStates)
        add(worldPath, count: g * g * l * l, bytesEach: 8,
            what: "policy '\(name)' (\(kind)) training: the induced local chain over (s_g, s_g', s_l, s_l'), |S_g|² × |S_l|² doubles",
            hint: "use fewer global or local states")
        let vectors = Self.binomial(k + localStates - 1, localStates - 1)
        let keys = localUsesNextGlobal ? g : 1
        var perRow = 1.0
        switch reader.members.first(where: { $0.key == "transitions" })?.value {
        case .string("monteCarlo")?:
            // `samples` is range-checked later, when the learner is read: here any number is clamped to
            // its valid range 1 … 100,000 (a value of -1e308 once reached an Int conversion and trapped).
            if case .number(let samples)? = reader.members.first(where: { $0.key == "samples" })?.value, samples.isFinite {
                perRow = min(max(samples, 1), 100_000, vectors)
            } else {
                perRow = min(30, vectors)
            }
        case .string("exact")?:
            // Up to the whole space per row; `exact` is refused beyond |S_g| × count² = 5·10^7 entries.
            perRow = min(vectors, max(1, 5e7 / (g * vectors)))
        default: break
        }
        let rows = g * keys * vectors
        add("observation.k", count: rows, bytesEach: 3 * (8 + 12 * perRow) + 128 / keys,
            what: "policy '\(name)' (\(kind)) training: count transition rows and value-iteration arrays over (s_g, counts of k = \(k))",
            value: .number(Double(k)), hint: "lower observation.k or use fewer local states")
    }

    /// The per-step reward series of the tabular and continuous-robots worlds: one 16-byte sample per
    /// `policyStep` event over every episode, counted from the schedule (a `policyStep` every 1e-9
    /// records 10^9 samples per time unit, not one per step of `horizon`).
    mutating func addStepSeries(schedule: [(kind: EventKind, schedule: Schedule)], episodes: Int, horizon: Int, agents: Int) {
        let endTime = Double(episodes) * Double(horizon)
        let samples = TabularScenarioWorld.eventCounts(schedule, endTime: endTime, agents: agents)
            .first { $0.kind == .policyStep }?.events ?? 0
        if samples > endTime {
            add("schedule.policyStep", count: samples, bytesEach: 16,
                what: "samples of the recorded reward series, one per policyStep event over \(JSONText.number(endTime)) time units",
                hint: "schedule policyStep less often (e.g. every: 1)")
        } else {
            let driver = episodes > horizon ? "episodes" : "horizon"
            add(driver, count: samples, bytesEach: 16, what: "episodes × horizon steps of the recorded reward series",
                value: .number(Double(max(episodes, horizon))), hint: "lower episodes or horizon")
        }
    }
}
