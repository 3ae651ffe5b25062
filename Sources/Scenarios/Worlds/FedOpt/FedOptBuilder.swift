import Agents
import Engine

/// Builds the `fedopt` world. `world` fields: `clients` (n),
/// `dimension` (d), `heterogeneity`, `condition`, `localSteps` (E), `mode` (`sync` with optional
/// `deadline`, or `async` with `buffer` and `stalenessExponent`), `targetLoss` (on F(w) - F*),
/// `bytesPerValue`, and the clocks of ``FedOptTiming``. `observation.k` is the number of clients per
/// round; `horizon` is the simulated time of one training run (episode). The tabular abstraction of
/// the learners (``FedOptAbstraction``) reads `globalBins`, `localBins`, `globalLossRange`,
/// `clientLossRange`, `serverRates`, `localStepSizes`, `abstractionRuns` and `abstractionRounds`.
/// Policies: ``FedAvgPolicy``, ``ExternalFedOptPolicy`` (a process decides the server's steps or the
/// clients' step sizes), and the learners G-LEARN and ALTERNATING-MARL (synchronous mode only).
enum FedOptBuilder {
    /// What reading a fedopt policy entry needs: the clients' condition number, the run settings, the
    /// abstraction's (unestimated) game and the header.
    struct Context: Sendable {
        let condition: Double, config: FedOptConfig, game: TabularGame, header: ScenarioHeader
    }

    /// Every policy family of the federated world, in listing order.
    static let readers = [fedAvg, external] + TabularLearner.allCases.filter { $0 != .subsampleMFQ }.map(learned)

    static let registration = WorldRegistration(
        kind: FedOptScenarioWorld.worldKind, summary: "federated optimization: n quadratic clients, k per round, rounds take simulated time",
        policies: PolicyReader.listing(readers)) { world, policies, header in
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
            try header.limits.check(FedOptScenarioWorld.memoryEstimate(clients: clients, dimension: dimension, header: header),
                                    context: header.context)
            let config = try readConfig(&world, k: k)
            try header.limits.check(work: FedOptScenarioWorld.workEstimate(clients: clients, dimension: dimension, k: k,
                                                                           localSteps: config.localSteps),
                                    context: header.context)
            let abstraction = try readAbstraction(&world, condition: condition)
            // Validation needs only the abstraction's shape; learners estimate the tables when they train.
            let game = abstraction.unestimatedGame()
            let context = Context(condition: condition, config: config, game: game, header: header)
            let built = try policies.map { try PolicyReader.read(readers, name: $0.name, $0.reader, context: context) }
            return FedOptScenarioWorld(clients: clients, dimension: dimension, heterogeneity: heterogeneity, condition: condition,
                                       timing: try readTiming(&world), config: config, abstraction: abstraction, header: header, policies: built)
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

    private static func readAbstraction(_ world: inout ObjectReader, condition: Double) throws -> FedOptAbstraction {
        var a = FedOptAbstraction()
        a.globalBins = try world.int("globalBins", default: a.globalBins, in: 1...64)
        a.localBins = try world.int("localBins", default: a.localBins, in: 1...64)
        for (key, keyPath) in [("globalLossRange", \FedOptAbstraction.globalRange), ("clientLossRange", \FedOptAbstraction.localRange)] {
            let range = try world.doubles(key, default: a[keyPath: keyPath], count: 2, in: 1e-300...1e300)
            guard range[0] < range[1] else { throw world.issue(key, "expected [low, high] with low < high", value: .string("\(range)")) }
            a[keyPath: keyPath] = range
        }
        a.serverRates = try world.doubles("serverRates", default: a.serverRates, in: 0...100)
        a.localStepSizes = try world.doubles("localStepSizes", default: a.localStepSizes, in: 1e-12...100)
        guard !a.serverRates.isEmpty else { throw world.issue("serverRates", "expected at least one level") }
        guard !a.localStepSizes.isEmpty else { throw world.issue("localStepSizes", "expected at least one level") }
        if let bad = a.localStepSizes.first(where: { $0 * condition >= 2 }) {
            throw world.issue("localStepSizes", "local gradient steps diverge when a step size × condition ≥ 2 (condition \(condition))",
                              value: .number(bad), hint: "use step sizes < \(2 / condition)")
        }
        a.runs = try world.int("abstractionRuns", default: a.runs, in: 1...1_000_000)
        a.rounds = try world.int("abstractionRounds", default: a.rounds, in: 1...1_000_000)
        return a
    }

    /// FedAvg with `serverStep` and `localStepSize` (below 2 / condition).
    private static let fedAvg = PolicyReader<Context, FedOptScenarioWorld.Policy>(FedAvgPolicy.family) { name, reader, context in
        let serverStep = try reader.double("serverStep", default: 1, in: serverRates)
        let local = try localStepSize(&reader, condition: context.condition)
        return FedOptScenarioWorld.Policy(name: name, source: .fixed(FedAvgPolicy(serverStep: serverStep, localStepSize: local)))
    }

    /// The server steps a policy may choose.
    private static let serverRates = 0.0...100

    /// The local step sizes a policy may choose: from 1e-12 up to 2 / condition, where local gradient
    /// steps diverge (excluded).
    private static func localStepSizes(condition: Double) -> Range<Double> { 1e-12..<(2 / condition) }

    /// `localStepSize` (default 0.5 / condition), below 2 / condition.
    private static func localStepSize(_ reader: inout ObjectReader, condition: Double) throws -> Double {
        let local = try reader.double("localStepSize", default: 0.5 / condition, in: 1e-12...100)
        guard localStepSizes(condition: condition).contains(local) else {
            throw reader.issue("localStepSize", "local gradient steps diverge when localStepSize × condition ≥ 2 (condition \(condition))",
                               value: .number(local), hint: "use localStepSize < \(2 / condition)")
        }
        return local
    }

    /// `external`: a process decides the server's step η_g of every aggregation (`role: "server"`, the
    /// default; the clients keep FedAvg's `localStepSize`) or the clients' step sizes (`role: "client"`;
    /// the server keeps FedAvg's `serverStep`).
    private static let external = PolicyReader<Context, FedOptScenarioWorld.Policy>(ExternalPolicySpec.family) { name, reader, context in
        let spec = try ExternalPolicySpec.read(name: name, &reader, roles: ["server", "client"])
        let condition = context.condition
        let fixed = spec.role == "server"
            ? FedAvgPolicy(serverStep: 1, localStepSize: try localStepSize(&reader, condition: condition))
            : FedAvgPolicy(serverStep: try reader.double("serverStep", default: 1, in: serverRates), localStepSize: 0.5 / condition)
        let k = context.config.clientsPerRound
        let (serverLosses, clientsPerMessage): (Int, Int)
        switch context.config.mode {
        case .sync: (serverLosses, clientsPerMessage) = (k, k)
        case .async(let buffer, _): (serverLosses, clientsPerMessage) = (buffer, 1)
        }
        return FedOptScenarioWorld.Policy(name: name, source: .fixed(ExternalFedOptPolicy(
            spec: spec, fixed: fixed, serverRates: serverRates, localSteps: localStepSizes(condition: condition),
            serverLosses: serverLosses, clientsPerMessage: clientsPerMessage)))
    }

    /// A learner on the tabular abstraction (synchronous rounds only), with the clients' step-size level
    /// fixed by `localAction` or uniform.
    private static func learned(_ learner: TabularLearner) -> PolicyReader<Context, FedOptScenarioWorld.Policy> {
        PolicyReader(learner.family, learner: learner) { name, reader, context in
            let kind = learner.family.kind, game = context.game, header = context.header
            guard case .sync = context.config.mode else {
                throw reader.issue("kind", "\(kind) observes the k sampled clients of a synchronous round", value: .string(kind),
                                   hint: "use world.mode: \"sync\" or a \(FedAvgPolicy.family.kind) policy")
            }
            let k = context.config.clientsPerRound
            let vectors = (1..<max(game.localStates, 1)).reduce(1.0) { $0 * Double(k + $1) / Double($1) }
            guard Double(game.globalStates) * vectors <= 5e6 || !header.isSelected(name) else {
                throw header.context.issue("observation.k", "\(kind) on \(game.localStates) client-loss bins needs \(Double(game.globalStates) * vectors) (s_g, counts) states for k = \(k)",
                                           value: .number(Double(k)), hint: "lower observation.k or world.localBins")
            }
            if header.isSelected(name) {
                var estimate = MemoryEstimate()
                estimate.addTraining(policy: name, kind: kind, reader: reader, globalStates: game.globalStates,
                                     localStates: game.localStates, localUsesNextGlobal: game.localUsesNextGlobal, k: k,
                                     worldPath: "world.localBins")
                try header.limits.check(estimate, context: header.context)
            }
            let local: LocalPolicyTable
            if reader.has("localAction") {
                let action = try reader.int("localAction", in: 0...(game.localActions - 1))
                local = .fixed(action, globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
            } else {
                local = .uniform(for: game)
            }
            let spec = try TabularLearnerSpec.read(learner: learner, &reader, game: game, k: k, header: header, local: local,
                                                   // The abstraction has no episode start: no joint model.
                                                   initial: nil)
            return FedOptScenarioWorld.Policy(name: name, source: .learned(spec))
        }
    }
}
