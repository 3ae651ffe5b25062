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
    /// Everything else the run is configured with (its digest guards checkpoints).
    public let configuration: Configuration
    /// The clients' encoder maps (the policy's override, or the world's encoders).
    public let encoders: EncoderMaps
    /// The server's rule (its memory is in ``state``).
    let mixture: any MixtureRule
    /// Everything a round changes.
    public internal(set) var state: State
    /// Threads the per-client work may use (results are bit-identical for any value).
    public var threads = 1
    /// Wall seconds spent so far in each part of the rounds (not checkpointed; for `sim bench`).
    public internal(set) var phaseSeconds = PhaseSeconds()
    /// The k-of-N sampler's scratch (not state: it is redrawn from its own random cell every game round).
    private var sampler: SubsampleSampler?
    let chunks: PopulationChunks
    /// The digest of ``data`` and ``configuration`` (``CheckpointableState/save(into:)``).
    public let configurationDigest: UInt64

    /// N.
    public var clients: Int { configuration.clients }
    /// The clients' policy.
    public var policy: any ForecastPolicy { configuration.policy }
    /// Weights of the realized per-client cost reported as `worstClientCost` etc.
    public var evaluation: CostWeights { configuration.evaluation }
    public var seed: UInt64 { configuration.seed }
    /// Whether the server mixture also weighs the persistence forecast y_t as an extra expert
    /// (the `mixtureUpdate` phase); its weight is the last entry of the mixture's weights.
    public var persistenceExpert: Bool { configuration.persistenceExpert }

    /// - Parameters:
    ///   - chunkSize: clients per chunk (tests use small chunks to exercise the chunk order).
    ///   - regret: whether to keep the `worstClientRegret` comparator's sums (``Configuration/regret``).
    ///   - rule: the server's rule when it is not `mixture`'s built-in one (an external process).
    /// - Precondition: `policy.problem == nil`, `clients >= 1`, k <= N, `chunkSize >= 1`.
    public init(data: TimeSeriesData, clients: Int, encoder: EncoderConfig, mixture: MixtureConfig,
                policy: any ForecastPolicy, evaluation: CostWeights, seed: UInt64,
                chunkSize: Int = ForecastSimulation.chunkSize, persistenceExpert: Bool = false, regret: Bool = true,
                rule: (any MixtureRule)? = nil) {
        precondition(policy.problem == nil, "policy: \(policy.problem ?? "")")
        self.data = data
        // A policy's explicit encoder override wins over the world's.
        let config = policy.encoder ?? encoder
        configuration = Configuration(seed: seed, clients: clients, chunkSize: chunkSize, encoder: config, mixture: mixture,
                                      policy: policy, evaluation: evaluation, persistenceExpert: persistenceExpert,
                                      regret: regret)
        configurationDigest = configuration.digest(data: data)
        encoders = EncoderMaps(config: config, clients: clients, inputDimension: data.inputDimension,
                               targetDimension: data.targetDimension, seed: seed)
        self.mixture = rule ?? mixture.makeRule()
        if let k = policy.sampleSize, k < clients {
            sampler = SubsampleSampler(k: k, n: clients)
        }
        chunks = PopulationChunks(count: clients, chunkSize: chunkSize)
        state = State(data: data, clients: clients, latentWidth: config.latentWidth, lookBack: policy.lookBack,
                      experts: clients + (persistenceExpert ? 1 : 0), regret: regret)
    }

    /// Whether all R rounds have run.
    public var isFinished: Bool { state.round >= data.rounds }

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
        case .mixtureUpdate: return try mixtureUpdate()
        default: return nil
        }
    }

    // MARK: Phases

    /// Phase 1: reveal y_t, score the predictions of y_t (t >= 1), encode x_t.
    /// - Returns: the event's trace record.
    private mutating func observe() -> ForecastEvent {
        precondition(!isFinished, "observe after the last round")
        let started = ContinuousClock.now
        let t = state.round
        if t >= 1 { score(t) }
        state.predictionHistory.append(state.predictions)
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
        state.sample = nil
        guard var s = sampler else { return nil }
        guard policy.playsGame(atRound: state.round) else {
            return ForecastEvent(kind: .globalObserve, round: state.round, payload: [("sampled", 0)])
        }
        var g = RandomStream(seed: seed, .subsample).generator(agent: -1, step: state.round)
        s.draw(using: &g)
        sampler = s
        state.sample = s.sample.sorted()
        return ForecastEvent(kind: .globalObserve, round: state.round,
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
        let t = state.round
        let policy = policy
        let payload = try policy.step(&self, round: t)
        return ForecastEvent(kind: .policyStep, round: t, payload: payload)
    }

    /// Phase 4: recompute the mixture weights from (Yhat_t, y_t); predict yhat_t+1; advance the round.
    /// - Returns: the event's trace record.
    /// - Throws: what a ``RoundMixtureRule`` throws.
    private mutating func mixtureUpdate() throws -> ForecastEvent {
        let started = ContinuousClock.now
        defer {
            phaseSeconds.mixture += Self.seconds(from: started, to: ContinuousClock.now)
            addWallTime(since: started)
        }
        let t = state.round, dy = data.targetDimension, n = clients
        if let live = mixture as? any RoundMixtureRule {
            let expert = persistenceExpert
            try live.weigh(round: t, predictions: expert ? state.predictions + data.target(max(0, t - 1)) : state.predictions,
                           target: data.target(t), next: expert ? state.nextPredictions + data.target(t) : state.nextPredictions,
                           weights: &state.weights)
            state.weightHistory?.append(Array(state.weights.prefix(n)))
        } else if persistenceExpert {
            mixture.update(predictions: state.predictions + data.target(max(0, t - 1)), target: data.target(t), weights: &state.weights,
                           memory: &state.mixtureMemory)
            state.weightHistory?.append(Array(state.weights.prefix(n)))
        } else {
            mixture.update(predictions: state.predictions, target: data.target(t), weights: &state.weights, memory: &state.mixtureMemory)
            state.weightHistory?.append(state.weights)
        }
        swap(&state.predictions, &state.nextPredictions)
        var server = persistenceExpert ? data.target(t).map { state.weights[n] * $0 } : [Double](repeating: 0, count: dy)
        state.weights.withUnsafeBufferPointer { w in
            state.predictions.withUnsafeBufferPointer { p in
                for d in 0..<dy {
                    var s = server[d]
                    for i in 0..<n { s += w[i] * p[i * dy + d] }
                    server[d] = s
                }
            }
        }
        state.serverPrediction = server
        state.scores.messages += clients
        state.round += 1
        if isFinished { score(state.round) }
        return ForecastEvent(kind: .mixtureUpdate, round: t,
                             payload: [("weightSum", state.weights.reduce(0, +)), ("weightMax", state.weights.max() ?? 0)]
                                 + state.serverPrediction.enumerated().map { ("yhat\($0.offset)", $0.element) })
    }

    private mutating func addWallTime(since started: ContinuousClock.Instant) {
        state.scores.wallSeconds += Self.seconds(from: started, to: ContinuousClock.now)
    }

    private static func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let elapsed = end - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
