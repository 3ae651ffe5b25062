import Engine
import Foundation

/// One traced event of a time-series run; the kinds are the engine's.
public struct ForecastEvent: Sendable {
    /// `observe`, `globalObserve`, `policyStep` or `mixtureUpdate`.
    public var kind: String
    /// The round t.
    public var round: Int
    /// Extra fields, in a fixed order.
    public var payload: [(String, Double)]
}

/// A time-series run: N encoder clients, a server mixture and one policy over R rounds
///.
///
/// Each round t has four phases, called in the engine's priority order:
/// 1. ``observe()`` — y_t is revealed; the predictions of y_t are scored; every client encodes x_t into Z_t;
/// 2. ``globalObserve()`` — on `memoa` game rounds with k < N, the server samples k of N clients
///    (`subsample` stream cell (agent −1, step t));
/// 3. ``policyStep()`` — every client issues Yhat_i,t+1 (greedy update, or the window game);
/// 4. ``mixtureUpdate()`` — w_t from (Yhat_t, y_t), then yhat_t+1 = Σ_i w_i,t Yhat_i,t+1.
///
/// Messages per round: N prediction uploads; plus, on game rounds, 2N for `nash-n` (window data up,
/// gains down) and k + N for `memoa` (k response summaries up, m broadcast down).
public struct ForecastSimulation {
    public let data: TimeSeriesData
    public let policy: ForecastPolicyConfig
    /// Weights of the realized per-client cost reported as `worstClientCost` etc.
    public let evaluation: CostWeights
    public let seed: UInt64
    public private(set) var encoders: EncoderPopulation
    public var clients: Int { encoders.clients }
    /// The round whose phases run next.
    public private(set) var round = 0
    /// Yhat_i,t: every client's prediction of y_t, flat `[client][dimension]`.
    public private(set) var predictions: [Double]
    /// Predictions issued for y_s, s = 0 … t (index s).
    public private(set) var predictionHistory: [[Double]] = []
    /// Z_s of every client, s = 0 … t.
    public private(set) var encodingHistory: [[Double]] = []
    /// w_s, s = 0 … t−1.
    public private(set) var weightHistory: [[Double]] = []
    /// The server's prediction of y_t.
    public private(set) var serverPrediction: [Double]
    private var mixture: any MixtureRule
    private var weights: [Double]
    private var controls: [Double]
    private var nextPredictions: [Double] = []
    private var sample: [Int]?
    private var sampler: SubsampleSampler?
    private let solver: (any WindowGameSolver)?
    private var accumulator: Accumulator
    private var wallSeconds = 0.0
    /// |yhat_t − y_t|² of the last scored round (the per-step series).
    public private(set) var lastMixtureSquaredError = 0.0

    private struct Accumulator {
        var mixtureSquared = 0.0
        var clientSquared: [Double]
        var clientCost: [Double]
        var naiveSquared = 0.0
        var scored = 0
        var messages = 0
    }

    /// - Precondition: `policy.problem == nil`, `clients >= 1`, k <= N.
    public init(data: TimeSeriesData, clients: Int, encoder: EncoderConfig, mixture: MixtureConfig,
                policy: ForecastPolicyConfig, evaluation: CostWeights, seed: UInt64) {
        precondition(policy.problem == nil, "policy: \(policy.problem ?? "")")
        self.data = data
        self.policy = policy
        self.evaluation = evaluation
        self.seed = seed
        // A policy's explicit encoder override wins over the world's.
        encoders = EncoderPopulation(config: policy.encoder ?? encoder, clients: clients, inputDimension: data.inputDimension,
                                     targetDimension: data.targetDimension, seed: seed)
        predictions = (0..<clients).flatMap { _ in data.target(0) }
        serverPrediction = data.target(0)
        self.mixture = mixture.makeRule()
        weights = [Double](repeating: 1 / Double(clients), count: clients)
        controls = [Double](repeating: 0, count: clients * (policy.encoder ?? encoder).latentWidth)
        solver = policy.solver
        if let k = policy.sampleSize, policy.kind == .memoa, k < clients {
            sampler = SubsampleSampler(k: k, n: clients)
        }
        accumulator = Accumulator(clientSquared: [Double](repeating: 0, count: clients),
                                  clientCost: [Double](repeating: 0, count: clients))
    }

    /// Whether all R rounds have run.
    public var isFinished: Bool { round >= data.rounds }

    /// Runs all four phases of the current round.
    public mutating func step(trace: ((ForecastEvent) -> Void)? = nil) throws {
        let events = [observe(), globalObserve(), try policyStep(), mixtureUpdate()]
        if let trace { for case let event? in events { trace(event) } }
    }

    /// Runs every remaining round.
    public mutating func run(trace: ((ForecastEvent) -> Void)? = nil) throws -> ForecastMetrics {
        while !isFinished { try step(trace: trace) }
        return metrics
    }

    // MARK: Phases

    /// Phase 1: reveal y_t, score the predictions of y_t (t >= 1), encode x_t.
    /// - Returns: the event's trace record.
    @discardableResult
    public mutating func observe() -> ForecastEvent {
        precondition(!isFinished, "observe after the last round")
        let started = ContinuousClock.now
        let t = round
        if t >= 1 { score(t) }
        predictionHistory.append(predictions)
        encodingHistory.append(encoders.encode(input: data.input(t), round: t))
        addWallTime(since: started)
        return ForecastEvent(kind: "observe", round: t, payload: data.target(t).enumerated().map { ("y\($0.offset)", $0.element) })
    }

    /// Phase 2: the k-of-N sample of `memoa` game rounds.
    /// - Returns: the event's trace record, nil when no sample is drawn this round.
    @discardableResult
    public mutating func globalObserve() -> ForecastEvent? {
        sample = nil
        guard var s = sampler else { return nil }
        guard policy.playsGame(atRound: round) else {
            return ForecastEvent(kind: "globalObserve", round: round, payload: [("sampled", 0)])
        }
        var g = RandomStream(seed: seed, .subsample).generator(agent: -1, step: round)
        s.draw(using: &g)
        sampler = s
        sample = s.sample.sorted()
        return ForecastEvent(kind: "globalObserve", round: round,
                             payload: [("sampled", 1), ("k", Double(s.sampleSize)), ("n", Double(clients))])
    }

    /// Phase 3: every client issues its prediction of y_t+1.
    /// - Returns: the event's trace record.
    /// - Throws: ``LinearAlgebraError`` when a solver meets a singular system.
    @discardableResult
    public mutating func policyStep() throws -> ForecastEvent {
        let started = ContinuousClock.now
        defer { addWallTime(since: started) }
        let t = round
        var payload: [(String, Double)]
        if policy.playsGame(atRound: t), let solver {
            let game = windowGame(endingAt: t)
            let solution = try solver.solve(game, sample: sample)
            applyGame(solution, round: t)
            payload = [("game", 1)]
            if let m = solution.meanField?.last { payload += m.enumerated().map { ("m\($0.offset)", $0.element) } }
            switch policy.kind {
            case .nashN: accumulator.messages += 2 * clients
            case .memoa: accumulator.messages += (sample?.count ?? clients) + clients
            default: break
            }
        } else {
            try applyGreedy(round: t)
            payload = [("game", 0)]
        }
        return ForecastEvent(kind: "policyStep", round: t, payload: payload)
    }

    /// Phase 4: recompute the mixture weights from (Yhat_t, y_t); predict yhat_t+1; advance the round.
    /// - Returns: the event's trace record.
    @discardableResult
    public mutating func mixtureUpdate() -> ForecastEvent {
        let started = ContinuousClock.now
        defer { addWallTime(since: started) }
        let t = round, dy = data.targetDimension
        mixture.update(predictions: predictions, target: data.target(t), weights: &weights)
        weightHistory.append(weights)
        predictions = nextPredictions
        serverPrediction = (0..<dy).map { d in (0..<clients).reduce(0) { $0 + weights[$1] * predictions[$1 * dy + d] } }
        accumulator.messages += clients
        round += 1
        if isFinished { score(round) }
        return ForecastEvent(kind: "mixtureUpdate", round: t,
                             payload: [("weightSum", weights.reduce(0, +)), ("weightMax", weights.max() ?? 0)]
                                 + serverPrediction.enumerated().map { ("yhat\($0.offset)", $0.element) })
    }

    private mutating func addWallTime(since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        wallSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    // MARK: Scoring

    /// Records the issued predictions of y_t+1 and the controls that made them.
    mutating func setIssued(_ next: [Double], controls beta: [Double]) {
        nextPredictions = next
        controls = beta
    }

    /// Scores the predictions of y_t: squared errors and each client's realized stage cost
    /// q |Yhat_i − y|² + κ |Yhat_i − m|² + λ |yhat − y|² + γ |β_i|² (evaluation weights).
    private mutating func score(_ t: Int) {
        let dy = data.targetDimension, dz = encoders.config.latentWidth, n = clients
        let y = data.target(t), previous = data.target(t - 1)
        var mixErr = 0.0
        for d in 0..<dy {
            let e = serverPrediction[d] - y[d]
            mixErr += e * e
            let naive = previous[d] - y[d]
            accumulator.naiveSquared += naive * naive
        }
        accumulator.mixtureSquared += mixErr
        lastMixtureSquaredError = mixErr
        let mean = (0..<dy).map { d in (0..<n).reduce(0) { $0 + predictions[$1 * dy + d] } / Double(n) }
        for i in 0..<n {
            var own = 0.0, dev = 0.0, effort = 0.0
            for d in 0..<dy {
                let e = predictions[i * dy + d] - y[d], m = predictions[i * dy + d] - mean[d]
                own += e * e
                dev += m * m
            }
            for c in 0..<dz { effort += controls[i * dz + c] * controls[i * dz + c] }
            accumulator.clientSquared[i] += own
            accumulator.clientCost[i] += evaluation.q * own + evaluation.kappa * dev + evaluation.lambda * mixErr
                + evaluation.gamma * effort
        }
        accumulator.scored += 1
    }

    /// The metrics so far (over the rounds scored).
    public var metrics: ForecastMetrics {
        let a = accumulator
        let cells = Double(max(1, a.scored * data.targetDimension))
        let clientRMSE = a.clientSquared.map { ($0 / cells).squareRoot() }
        let n = Double(clients)
        let meanCost = a.clientCost.reduce(0, +) / n
        let variance = a.clientCost.reduce(0) { $0 + ($1 - meanCost) * ($1 - meanCost) } / n
        let rounds = Double(max(1, round))
        return ForecastMetrics(mixtureRMSE: (a.mixtureSquared / cells).squareRoot(),
                               meanClientRMSE: clientRMSE.reduce(0, +) / n,
                               worstClientRMSE: clientRMSE.max() ?? 0,
                               worstClientCost: a.clientCost.max() ?? 0,
                               meanClientCost: meanCost,
                               clientCostStd: variance.squareRoot(),
                               messages: Double(a.messages) / rounds,
                               wallSecondsPerStep: wallSeconds / rounds,
                               naiveRMSE: (a.naiveSquared / cells).squareRoot())
    }
}

extension ForecastSimulation: CheckpointableState {
    /// The data, the seed and the configuration, as a digest (the data are rebuilt, not saved).
    public var configurationDigest: UInt64 {
        var d = StateDigest()
        d.add(data.inputs.elements)
        d.add(data.targets.elements)
        d.add(seed)
        d.add("\(policy)")
        d.add("\(evaluation)")
        return d.value
    }

    /// Everything a round changes: predictions and their histories, the mixture (weights and any
    /// state the rule keeps), the k-sample, the score accumulators and the encoders' last outputs.
    public func save(into writer: inout StateWriter) {
        writer.section("forecast-simulation")
        writer.write(configurationDigest)
        writer.write(round)
        writer.write(predictions)
        writer.write(predictionHistory)
        writer.write(encodingHistory)
        writer.write(weightHistory)
        writer.write(serverPrediction)
        if let stateful = mixture as? any CheckpointableState {
            writer.write(true)
            writer.write(stateful)
        } else {
            writer.write(false)
        }
        writer.write(weights)
        writer.write(controls)
        writer.write(nextPredictions)
        writer.write(sample != nil)
        writer.write(sample ?? [])
        let a = accumulator
        writer.write(a.mixtureSquared)
        writer.write(a.clientSquared)
        writer.write(a.clientCost)
        writer.write(a.naiveSquared)
        writer.write(a.scored)
        writer.write(a.messages)
        writer.write(wallSeconds)
        writer.write(lastMixtureSquaredError)
        writer.write(encoders)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("forecast-simulation")
        guard try reader.readUInt64() == configurationDigest else {
            throw CheckpointError.mismatch("the series, seed or policy settings differ from the checkpointed run's")
        }
        round = try reader.readInt()
        predictions = try reader.readDoubles()
        predictionHistory = try reader.readRowsChecked(upTo: round + 1, "prediction history")
        encodingHistory = try reader.readRowsChecked(upTo: round + 1, "encoding history")
        weightHistory = try reader.readRows()
        serverPrediction = try reader.readDoubles()
        if try reader.readBool() {
            guard var stateful = mixture as? any CheckpointableState else { throw CheckpointError.mismatch("mixture rule state") }
            try stateful.restore(from: &reader)
            guard let rule = stateful as? any MixtureRule else { throw CheckpointError.mismatch("mixture rule state") }
            mixture = rule
        }
        weights = try reader.readDoubles()
        controls = try reader.readDoubles()
        nextPredictions = try reader.readDoubles()
        let hasSample = try reader.readBool()
        let drawn = try reader.readInts()
        sample = hasSample ? drawn : nil
        accumulator.mixtureSquared = try reader.readDouble()
        accumulator.clientSquared = try reader.readDoubles()
        accumulator.clientCost = try reader.readDoubles()
        accumulator.naiveSquared = try reader.readDouble()
        accumulator.scored = try reader.readInt()
        accumulator.messages = try reader.readInt()
        wallSeconds = try reader.readDouble()
        lastMixtureSquaredError = try reader.readDouble()
        try reader.read(into: &encoders)
        let dy = data.targetDimension
        guard (0...data.rounds).contains(round), predictions.count == clients * dy, weights.count == clients,
              accumulator.clientSquared.count == clients, accumulator.clientCost.count == clients,
              sample?.allSatisfy({ (0..<clients).contains($0) }) ?? true else {
            throw CheckpointError.corrupt("the time-series state does not fit \(clients) clients over \(data.rounds) rounds")
        }
    }
}

private extension StateReader {
    /// A list of at most `limit` rows (the histories grow by one row per round, at `observe`).
    mutating func readRowsChecked(upTo limit: Int, _ what: String) throws -> [[Double]] {
        let rows = try readRows()
        guard rows.count <= limit else { throw CheckpointError.corrupt("\(what) has \(rows.count) rows, at most \(limit) expected") }
        return rows
    }
}
