import Agents
import Engine

/// Builds the `fedopt` world (DESIGN.md "Federated optimization"). `world` fields: `clients` (n),
/// `dimension` (d), `heterogeneity`, `condition`, `localSteps` (E), `mode` (`sync` with optional
/// `deadline`, or `async` with `buffer` and `stalenessExponent`), `targetLoss` (on F(w) - F*),
/// `bytesPerValue`, and the clocks of ``FedOptTiming``. `observation.k` is the number of clients per
/// round; `horizon` is the simulated time of one training run (episode). Policies: `fedavg`.
enum FedOptBuilder {
    static let policyKinds: [(kind: String, summary: String)] = [
        ("fedavg", "k-of-n client sampling, E local steps, server averaging (fixed eta_g and local step)"),
    ]

    static let registration = WorldRegistration(
        kind: "fedopt", summary: "federated optimization: n quadratic clients, k per round, rounds take simulated time",
        policies: policyKinds) { world, policies, header in
            guard header.schedule.isEmpty else {
                throw header.context.issue("schedule", "fedopt rounds are scheduled by the world (they end when clients report)",
                                           hint: "remove 'schedule'; set world.mode, world.deadline and horizon instead")
            }
            let clients = try world.int("clients", default: 100, in: 1...1_000_000)
            let dimension = try world.int("dimension", default: 10, in: 1...100_000)
            let heterogeneity = try world.double("heterogeneity", default: 0.5, in: 0...1e6)
            let condition = try world.double("condition", default: 10, in: 1...1e6)
            let k = header.k ?? min(10, clients)
            guard k <= clients else {
                throw header.context.issue("observation.k", "k must satisfy 1 <= k <= n = world.clients = \(clients)",
                                           value: .number(Double(k)), hint: "lower observation.k or raise world.clients")
            }
            return FedOptScenarioWorld(clients: clients, dimension: dimension, heterogeneity: heterogeneity, condition: condition,
                                       timing: try readTiming(&world), config: try readConfig(&world, k: k), header: header,
                                       policies: try policies.map { try policy($0.name, $0.reader, condition: condition) })
        }

    private static func readConfig(_ world: inout ObjectReader, k: Int) throws -> FedOptConfig {
        let steps = try world.int("localSteps", default: 5, in: 1...100_000)
        let mode: FedOptConfig.Mode
        switch try world.string("mode", default: "sync", oneOf: ["sync", "async"]) {
        case "async":
            let buffer = try world.int("buffer", default: max(1, k / 2), in: 1...k)
            mode = .async(buffer: buffer, stalenessExponent: try world.double("stalenessExponent", default: 0.5, in: 0...100))
        default:
            mode = .sync(deadline: world.has("deadline") ? try world.double("deadline", in: 1e-12...1e12) : nil)
        }
        return FedOptConfig(clientsPerRound: k, localSteps: steps, mode: mode,
                            targetLoss: try world.double("targetLoss", default: 1e-3, in: 0...1e300),
                            bytesPerValue: try world.int("bytesPerValue", default: 8, in: 1...1024))
    }

    private static func readTiming(_ world: inout ObjectReader) throws -> FedOptTiming {
        var t = FedOptTiming()
        t.stepTime = try world.double("stepTime", default: t.stepTime, in: 0...1e9)
        t.speedSpread = try world.double("speedSpread", default: t.speedSpread, in: 0...10)
        t.stragglerProbability = try world.double("stragglerProbability", default: t.stragglerProbability, in: 0...1)
        t.stragglerScale = try world.double("stragglerScale", default: t.stragglerScale, in: 1...1e9)
        t.stragglerTail = try world.double("stragglerTail", default: t.stragglerTail, in: 0.1...100)
        t.uploadLatency = try world.double("uploadLatency", default: t.uploadLatency, in: 0...1e9)
        return t
    }

    private static func policy(_ name: String, _ entry: ObjectReader, condition: Double) throws -> FedOptScenarioWorld.Policy {
        var reader = entry
        _ = try reader.string("kind", oneOf: policyKinds.map(\.kind))
        let serverStep = try reader.double("serverStep", default: 1, in: 0...100)
        let local = try reader.double("localStepSize", default: 0.5 / condition, in: 1e-12...100)
        guard local * condition < 2 else {
            throw reader.issue("localStepSize", "local gradient steps diverge when localStepSize × condition ≥ 2 (condition \(condition))",
                               value: .number(local), hint: "use localStepSize < \(2 / condition)")
        }
        try reader.finish()
        return FedOptScenarioWorld.Policy(name: name, policy: FedAvgPolicy(serverStep: serverStep, localStepSize: local))
    }
}
