import Scenarios

/// Builds the `drift-walk` world: `world: { kind: "drift-walk", walkers: n (default 4),
/// moveProbability: p (default 1) }`; policies `push` (`drift`: -1, 0 or +1, default +1) and `random`.
/// Its schedule is fixed and nobody is sampled, so `schedule` and `observation.k` are refused.
enum DriftWalkBuilder {
    static let registration = WorldRegistration(
        kind: "drift-walk", summary: "test fixture: walkers on the integers follow a global drift with probability p",
        policies: [("push", "a fixed drift"), ("random", "a drift drawn uniformly from {-1, 0, +1} each tick")]) { world, policies, header in
            let walkers = try world.int("walkers", default: 4, in: 1...10_000)
            let moveProbability = try world.double("moveProbability", default: 1, in: 0...1)
            if let (kind, _) = header.schedule.first {
                throw header.context.issue("schedule." + kind.name, "drift-walk worlds have a fixed schedule", hint: "remove schedule")
            }
            if let k = header.k {
                throw header.context.issue("observation.k", "drift-walk worlds sample nobody", value: .number(Double(k)), hint: "remove observation")
            }
            let built = try policies.map { entry in
                var reader = entry.reader
                let policy: DriftPolicy
                switch try reader.string("kind", oneOf: ["push", "random"]) {
                case "push": policy = .push(drift: try reader.int("drift", default: 1, in: -1...1))
                default: policy = .random
                }
                try reader.finish()
                return (name: entry.name, policy: policy)
            }
            return DriftWalkWorld<NoExtra>(walkers: walkers, moveProbability: moveProbability, horizon: header.horizon,
                                           episodes: header.episodes, policies: built, extra: NoExtra.Settings())
        }
}
