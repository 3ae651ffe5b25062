import Engine
import Foundation

/// One traced event of a time-series run; the kinds are the engine's.
public struct ForecastEvent: Sendable {
    /// ``EventKind/observe``, ``EventKind/globalObserve``, ``EventKind/policyStep`` or ``EventKind/mixtureUpdate``.
    public var kind: EventKind
    /// The round t.
    public var round: Int
    /// Extra fields, in a fixed order.
    public var payload: [(String, Double)]
}

/// A time-series run: N encoder clients, a server mixture and one policy over R rounds
/// (the module README, "Time-series prediction").
///
/// Each round t has four phases, the engine's event kinds ``phases`` run by ``handle(_:)`` in priority order
/// (``TimeSeriesWorld`` dispatches them, one round per tick):
/// 1. `observe` — y_t is revealed; the predictions of y_t are scored; every client encodes x_t into Z_t;
/// 2. `globalObserve` — on game rounds of a policy with a ``ForecastPolicy/sampleSize`` k < N, the server
///    samples k of N clients (`subsample` stream cell (agent −1, step t));
/// 3. `policyStep` — every client issues Yhat_i,t+1 (``ForecastPolicy/step(_:round:)``);
/// 4. `mixtureUpdate` — w_t from (Yhat_t, y_t), then yhat_t+1 = Σ_i w_i,t Yhat_i,t+1.
///
/// Messages per round: N prediction uploads; plus, on game rounds, 2N for `nash-n` (window data up,
/// gains down) and k + N for `memoa` (k response summaries up, m broadcast down).
///
/// The clients are struct-of-arrays: flat buffers `[client][…]`, and only the rounds the policies look
/// back at (``RoundRing``). Per-client work (encoders, greedy ridge updates, memoa's Riccati plans and
/// responses) runs over fixed chunks of ``chunkSize`` clients on ``threads`` threads; every sum over
/// clients runs in client order within a chunk and then in chunk order, so results never depend on
/// the thread count, and populations of at most one chunk sum exactly as one sequential loop.
public struct ForecastSimulation {
    /// Clients per chunk of the parallel per-client work.
    public static let chunkSize = 4_096

    public let data: TimeSeriesData
    /// The clients' policy.
    public let policy: any ForecastPolicy
    /// Weights of the realized per-client cost reported as `worstClientCost` etc.
    public let evaluation: CostWeights
    public let seed: UInt64
    /// Whether the server mixture also weighs the persistence forecast y_t as an extra expert
    /// (the `mixtureUpdate` phase); its weight is the last entry of the mixture's weights.
    public let persistenceExpert: Bool
    public internal(set) var encoders: EncoderPopulation
    public var clients: Int { encoders.clients }
    /// Threads the per-client work may use (results are bit-identical for any value).
    public var threads = 1
    /// The round whose phases run next.
    public internal(set) var round = 0
    /// Yhat_i,t: every client's prediction of y_t, flat `[client][dimension]`.
    public internal(set) var predictions: [Double]
    /// Predictions issued for y_s over the last rounds (round s in slot s).
    public internal(set) var predictionHistory: RoundRing
    /// Z_s of every client over the last rounds.
    public internal(set) var encodingHistory: RoundRing
    /// w_s over the last T rounds (window-game policies only; the clients' weights, without the
    /// persistence expert's).
    public internal(set) var weightHistory: RoundRing?
    /// The server's prediction of y_t.
    public internal(set) var serverPrediction: [Double]
    var mixture: any MixtureRule
    var weights: [Double]
    /// β_i of the last policy step, flat `[client][column]`.
    var controls: [Double]
    var nextPredictions: [Double]
    var sample: [Int]?
    private var sampler: SubsampleSampler?
    var accumulator: Accumulator
    var wallSeconds = 0.0
    /// Wall seconds spent so far in each part of the rounds (not checkpointed; for `sim bench`).
    public internal(set) var phaseSeconds = PhaseSeconds()
    /// |yhat_t − y_t|² of the last scored round (the per-step series).
    public internal(set) var lastMixtureSquaredError = 0.0
    let chunks: PopulationChunks

    struct Accumulator {
        var mixtureSquared = 0.0
        var clientSquared: [Double]
        var clientCost: [Double]
        var naiveSquared = 0.0
        var scored = 0
        var messages = 0
        var hindsight: HindsightCorrection
    }

    /// - Parameter chunkSize: clients per chunk (tests use small chunks to exercise the chunk order).
    /// - Precondition: `policy.problem == nil`, `clients >= 1`, k <= N, `chunkSize >= 1`.
    public init(data: TimeSeriesData, clients: Int, encoder: EncoderConfig, mixture: MixtureConfig,
                policy: any ForecastPolicy, evaluation: CostWeights, seed: UInt64,
                chunkSize: Int = ForecastSimulation.chunkSize, persistenceExpert: Bool = false) {
        precondition(policy.problem == nil, "policy: \(policy.problem ?? "")")
        self.data = data
        self.policy = policy
        self.evaluation = evaluation
        self.seed = seed
        self.persistenceExpert = persistenceExpert
        // A policy's explicit encoder override wins over the world's.
        let config = policy.encoder ?? encoder
        encoders = EncoderPopulation(config: config, clients: clients, inputDimension: data.inputDimension,
                                     targetDimension: data.targetDimension, seed: seed)
        let dy = data.targetDimension
        var start = [Double](repeating: 0, count: clients * dy)
        let y0 = data.target(0)
        for i in 0..<clients { for d in 0..<dy { start[i * dy + d] = y0[d] } }
        predictions = start
        nextPredictions = start
        serverPrediction = y0
        self.mixture = mixture.makeRule()
        let experts = clients + (persistenceExpert ? 1 : 0)
        weights = [Double](repeating: 1 / Double(experts), count: experts)
        controls = [Double](repeating: 0, count: clients * config.latentWidth)
        if let k = policy.sampleSize, k < clients {
            sampler = SubsampleSampler(k: k, n: clients)
        }
        let lookBack = policy.lookBack
        encodingHistory = RoundRing(depth: lookBack.encodings, width: clients * dy * config.latentWidth)
        predictionHistory = RoundRing(depth: lookBack.predictions, width: clients * dy)
        weightHistory = lookBack.weights.map { RoundRing(depth: $0, width: clients) }
        chunks = PopulationChunks(count: clients, chunkSize: chunkSize)
        accumulator = Accumulator(clientSquared: [Double](repeating: 0, count: clients),
                                  clientCost: [Double](repeating: 0, count: clients),
                                  hindsight: HindsightCorrection(clients: clients, targetDimension: dy, latentWidth: config.latentWidth))
    }

    /// Whether all R rounds have run.
    public var isFinished: Bool { round >= data.rounds }

    /// The phases of a round in the engine's priority order.
    public static let phases: [EventKind] = [.observe, .globalObserve, .policyStep, .mixtureUpdate]

    /// Runs one phase of the current round; the round advances after `mixtureUpdate`.
    /// - Returns: the event's trace record, nil when the phase records nothing this round (or `phase` is
    ///   not one of ``phases``).
    /// - Throws: ``LinearAlgebraError`` when a solver meets a singular system.
    public mutating func handle(_ phase: EventKind) throws -> ForecastEvent? {
        switch phase {
        case .observe: return observe()
        case .globalObserve: return globalObserve()
        case .policyStep: return try policyStep()
        case .mixtureUpdate: return mixtureUpdate()
        default: return nil
        }
    }

    // MARK: Phases

    /// Phase 1: reveal y_t, score the predictions of y_t (t >= 1), encode x_t.
    /// - Returns: the event's trace record.
    private mutating func observe() -> ForecastEvent {
        precondition(!isFinished, "observe after the last round")
        let started = ContinuousClock.now
        let t = round
        if t >= 1 { score(t) }
        predictionHistory.append(predictions)
        let scored = ContinuousClock.now
        encode(round: t)
        phaseSeconds.scoring += Self.seconds(from: started, to: scored)
        phaseSeconds.encoders += Self.seconds(from: scored, to: ContinuousClock.now)
        addWallTime(since: started)
        return ForecastEvent(kind: .observe, round: t, payload: data.target(t).enumerated().map { ("y\($0.offset)", $0.element) })
    }

    /// Phase 2: the k-of-N sample of the policy's game rounds.
    /// - Returns: the event's trace record, nil when no sample is drawn this round.
    private mutating func globalObserve() -> ForecastEvent? {
        sample = nil
        guard var s = sampler else { return nil }
        guard policy.playsGame(atRound: round) else {
            return ForecastEvent(kind: .globalObserve, round: round, payload: [("sampled", 0)])
        }
        var g = RandomStream(seed: seed, .subsample).generator(agent: -1, step: round)
        s.draw(using: &g)
        sampler = s
        sample = s.sample.sorted()
        return ForecastEvent(kind: .globalObserve, round: round,
                             payload: [("sampled", 1), ("k", Double(s.sampleSize)), ("n", Double(clients))])
    }

    /// Phase 3: every client issues its prediction of y_t+1.
    /// - Returns: the event's trace record.
    /// - Throws: ``LinearAlgebraError`` when a solver meets a singular system.
    private mutating func policyStep() throws -> ForecastEvent {
        let started = ContinuousClock.now
        defer {
            phaseSeconds.policy += Self.seconds(from: started, to: ContinuousClock.now)
            addWallTime(since: started)
        }
        let t = round
        let policy = policy
        let payload = try policy.step(&self, round: t)
        return ForecastEvent(kind: .policyStep, round: t, payload: payload)
    }

    /// Phase 4: recompute the mixture weights from (Yhat_t, y_t); predict yhat_t+1; advance the round.
    /// - Returns: the event's trace record.
    private mutating func mixtureUpdate() -> ForecastEvent {
        let started = ContinuousClock.now
        defer {
            phaseSeconds.mixture += Self.seconds(from: started, to: ContinuousClock.now)
            addWallTime(since: started)
        }
        let t = round, dy = data.targetDimension, n = clients
        if persistenceExpert {
            mixture.update(predictions: predictions + data.target(max(0, t - 1)), target: data.target(t), weights: &weights)
            weightHistory?.append(Array(weights.prefix(n)))
        } else {
            mixture.update(predictions: predictions, target: data.target(t), weights: &weights)
            weightHistory?.append(weights)
        }
        swap(&predictions, &nextPredictions)
        var server = persistenceExpert ? data.target(t).map { weights[n] * $0 } : [Double](repeating: 0, count: dy)
        weights.withUnsafeBufferPointer { w in
            predictions.withUnsafeBufferPointer { p in
                for d in 0..<dy {
                    var s = server[d]
                    for i in 0..<n { s += w[i] * p[i * dy + d] }
                    server[d] = s
                }
            }
        }
        serverPrediction = server
        accumulator.messages += clients
        round += 1
        if isFinished { score(round) }
        return ForecastEvent(kind: .mixtureUpdate, round: t,
                             payload: [("weightSum", weights.reduce(0, +)), ("weightMax", weights.max() ?? 0)]
                                 + serverPrediction.enumerated().map { ("yhat\($0.offset)", $0.element) })
    }

    private mutating func addWallTime(since started: ContinuousClock.Instant) {
        wallSeconds += Self.seconds(from: started, to: ContinuousClock.now)
    }

    private static func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let elapsed = end - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
