import Agents

/// A forecaster family as the time-series scenarios name it (``ForecastPolicy``): the reader of its
/// `policies.<name>` keys and the cost of its rounds. ``families`` lists them; the `kind` choices, the
/// policy list of `sim list policies` and the estimates are all built from it.
public protocol ScenarioForecastPolicy: ForecastPolicy {
    /// Reads the family's keys of `policies.<name>` (every key but `kind`), its `anchor` and its `encoder`
    /// override, over the world's defaults.
    static func read(_ reader: inout ObjectReader, _ context: ForecastPolicyContext) throws -> Self
    /// Adds the arithmetic of one round that the policy adds to the clients' encoders and scores
    /// (``TimeSeriesScenarioWorld``'s work estimate).
    func addWork(to estimate: inout WorkEstimate, _ shape: ForecastEstimateShape)
    /// Numbers per client the policy keeps besides the simulation's shared state (doubles).
    func memoryPerClient(_ shape: ForecastEstimateShape) -> Double
    /// Adds what the policy allocates beyond its per-client numbers.
    func addMemory(to estimate: inout MemoryEstimate, _ shape: ForecastEstimateShape)
}

extension ScenarioForecastPolicy {
    public func memoryPerClient(_ shape: ForecastEstimateShape) -> Double { 0 }
    public func addMemory(to estimate: inout MemoryEstimate, _ shape: ForecastEstimateShape) {}
}

/// The time-series policy families, in the order `sim list policies` shows them.
enum ForecastPolicyFamilies {
    static let all: [any ScenarioForecastPolicy.Type] = [GreedyPolicy.self, ReplayOnlyPolicy.self, NashNPolicy.self,
                                                         MemoaPolicy.self, PersistencePolicy.self, ExternalForecastPolicy.self]

    /// (kind, summary) of every family.
    static var kinds: [(kind: String, summary: String)] { all.map { ($0.kind, $0.summary) } }
}

/// What a policy reader reads over: the world's defaults and cost, k and the world's encoders.
public struct ForecastPolicyContext {
    let defaults: TimeSeriesDefaults
    /// `world.cost`: the evaluation weights and the game policies' default weights.
    let cost: CostWeights
    /// `observation.k`.
    let k: Int?
    /// N, `world.clients`.
    let clients: Int
    /// The world's encoders, which an `encoder` member overrides.
    let encoder: EncoderConfig

    /// Reads the `encoder` override of a policy, nil when absent.
    func encoderOverride(_ reader: inout ObjectReader) throws -> EncoderConfig? {
        try TimeSeriesBuilder.readEncoder(&reader, over: encoder)
    }

    /// Reads `anchor` ("replay", the default, or "last").
    func anchor(_ reader: inout ObjectReader) throws -> ForecastAnchor {
        ForecastAnchor(rawValue: try reader.string("anchor", default: ForecastAnchor.replay.rawValue,
                                                   oneOf: ForecastAnchor.allCases.map(\.rawValue)))!
    }
}

/// The sizes a policy's estimates scale with; dimensions count as 1 before the data is built.
public struct ForecastEstimateShape: Sendable {
    /// The policy's name in the scenario.
    public var name: String
    /// `policies.<name>`.
    public var path: String { "policies.\(name)" }
    /// N, d_x, d_y and d_z.
    public var clients: Double, inputs: Double, targets: Double, latentWidth: Double
    /// Rows of the input map A per target row (``EncoderConfig/projections``): d_z for `projection`, else 1.
    public var projections: Double = 1
}
