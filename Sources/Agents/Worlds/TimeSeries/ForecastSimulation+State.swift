import Engine

extension ForecastSimulation {
    /// Everything a round changes — the simulation's whole mutable state as one value. A checkpoint saves
    /// it with one ``StateEncoder`` call and restores it with one ``StateDecoder`` call, so a field added
    /// here is saved and restored without anyone listing it; ``validated(for:)`` checks every field against
    /// the run's sizes before a restored state is used.
    ///
    /// Not part of it: the configuration (data, seed, policy, mixture rule, encoder maps; rebuilt from the
    /// scenario and covered by ``ForecastSimulation/configurationDigest``), the k-sampler's scratch (it is
    /// redrawn from its own random cell every game round), ``threads`` and the timing split ``phaseSeconds``.
    public struct State: Codable, Sendable, Equatable {
        /// The round whose phases run next.
        public internal(set) var round = 0
        /// Yhat_i,t: every client's prediction of y_t, flat `[client][dimension]`.
        public internal(set) var predictions: [Double]
        /// Yhat_i,t+1 as the policy step issues them (swapped into ``predictions`` by the mixture update).
        public internal(set) var nextPredictions: [Double]
        /// The server's prediction of y_t.
        public internal(set) var serverPrediction: [Double]
        /// β_i of the last policy step, flat `[client][column]`.
        public internal(set) var controls: [Double]
        /// The mixture weights w_t (the clients', then the persistence expert's when it weighs in).
        public internal(set) var weights: [Double]
        /// What the mixture rule carries from round to round (``MixtureRule/update(predictions:target:weights:memory:)``).
        public internal(set) var mixtureMemory: [Double] = []
        /// Z_{t−1} of every client, flat `[client][row][column]` (zero before the first round).
        public internal(set) var encoderOutputs: [Double]
        /// Predictions issued for y_s over the last rounds (round s in slot s).
        public internal(set) var predictionHistory: RoundRing
        /// Z_s of every client over the last rounds.
        public internal(set) var encodingHistory: RoundRing
        /// w_s over the last T rounds (window-game policies only; the clients' weights, without the
        /// persistence expert's).
        public internal(set) var weightHistory: RoundRing?
        /// The clients whose responses form this round's mean-field (sorted), nil for all N.
        public internal(set) var sample: [Int]?
        /// The score sums of the rounds scored so far.
        public internal(set) var scores: Scores
    }

    /// The sums behind ``ForecastSimulation/metrics``.
    public struct Scores: Codable, Sendable, Equatable {
        /// Σ_t |yhat_t − y_t|².
        public internal(set) var mixtureSquared = 0.0
        /// Σ_t |Yhat_i,t − y_t|² per client.
        public internal(set) var clientSquared: [Double]
        /// Σ_t of every client's realized stage cost (``ForecastSimulation/evaluation`` weights).
        public internal(set) var clientCost: [Double]
        /// Σ_t |y_t−1 − y_t|² (the persistence forecast's).
        public internal(set) var naiveSquared = 0.0
        /// The rounds scored.
        public internal(set) var scored = 0
        /// The messages sent so far.
        public internal(set) var messages = 0
        /// The `worstClientRegret` comparator's sums, nil when the run does not report that metric
        /// (``ForecastSimulation/Configuration/regret``).
        public internal(set) var hindsight: HindsightCorrection?
        /// |yhat_t − y_t|² of the last scored round (the per-step series).
        public internal(set) var lastMixtureSquaredError = 0.0
        /// Wall seconds of the phases so far (`wallSecondsPerStep`).
        public internal(set) var wallSeconds = 0.0
    }
}

extension ForecastSimulation.State {
    /// The state at round 0: every client predicts y_0, equal weights over `experts`, empty histories;
    /// the regret comparator's sums only when `regret` is set.
    init(data: TimeSeriesData, clients n: Int, latentWidth dz: Int, lookBack: ForecastLookBack, experts: Int, regret: Bool) {
        let dy = data.targetDimension, y0 = data.target(0)
        var start = [Double](repeating: 0, count: n * dy)
        for i in 0..<n { for d in 0..<dy { start[i * dy + d] = y0[d] } }
        predictions = start
        nextPredictions = start
        serverPrediction = y0
        controls = [Double](repeating: 0, count: n * dz)
        weights = [Double](repeating: 1 / Double(experts), count: experts)
        encoderOutputs = [Double](repeating: 0, count: n * dy * dz)
        encodingHistory = RoundRing(depth: lookBack.encodings, width: n * dy * dz)
        predictionHistory = RoundRing(depth: lookBack.predictions, width: n * dy)
        weightHistory = lookBack.weights.map { RoundRing(depth: $0, width: n) }
        scores = ForecastSimulation.Scores(clientSquared: [Double](repeating: 0, count: n), clientCost: [Double](repeating: 0, count: n),
                                           hindsight: regret ? HindsightCorrection(clients: n, targetDimension: dy, latentWidth: dz) : nil)
    }

    /// The state if every field fits a run of `simulation`'s sizes (which never change during a run) —
    /// lengths, index ranges, finiteness, and rings that end where the round says — else the first misfit.
    /// - Throws: ``CheckpointError/corrupt(_:)``.
    func validated(for simulation: ForecastSimulation) throws -> Self {
        let fresh = simulation.state, n = simulation.clients
        func finite(_ values: [Double], _ field: String, count: Int) throws {
            try StateReader.check(values, field, count: count)
        }
        func ring(_ restored: RoundRing?, like expected: RoundRing?, _ field: String) throws {
            guard let restored, let expected else {
                guard (restored == nil) == (expected == nil) else { throw CheckpointError.corrupt("\(field) is missing or extra") }
                return
            }
            guard restored.depth == expected.depth, restored.width == expected.width,
                  restored.newest >= -1, restored.newest < Int.max - restored.depth else {
                throw CheckpointError.corrupt("\(field) of depth \(restored.depth) × \(restored.width) ending at \(restored.newest); depth \(expected.depth) × \(expected.width) expected")
            }
            try finite(restored.storage, field, count: expected.storage.count)
        }
        guard (0...simulation.data.rounds).contains(round) else {
            throw CheckpointError.corrupt("the round \(round) is outside 0…\(simulation.data.rounds)")
        }
        try finite(predictions, "the predictions", count: fresh.predictions.count)
        try finite(nextPredictions, "the next predictions", count: fresh.nextPredictions.count)
        try finite(serverPrediction, "the server prediction", count: fresh.serverPrediction.count)
        try finite(controls, "the controls", count: fresh.controls.count)
        try finite(weights, "the mixture weights", count: fresh.weights.count)
        guard mixtureMemory.isEmpty || mixtureMemory.count == weights.count else {
            throw CheckpointError.corrupt("the mixture's memory holds \(mixtureMemory.count) numbers for \(weights.count) weights")
        }
        try finite(mixtureMemory, "the mixture's memory", count: mixtureMemory.count)
        try finite(encoderOutputs, "the encoder outputs", count: fresh.encoderOutputs.count)
        try ring(predictionHistory, like: fresh.predictionHistory, "the prediction history")
        try ring(encodingHistory, like: fresh.encodingHistory, "the encoding history")
        try ring(weightHistory, like: fresh.weightHistory, "the mixture weight history")
        // observe appends the round's predictions and encodings, mixtureUpdate its weights and ends it.
        guard predictionHistory.newest == encodingHistory.newest, [round - 1, round].contains(predictionHistory.newest),
              weightHistory.map({ $0.newest == round - 1 }) ?? true else {
            throw CheckpointError.corrupt("the round histories end at rounds \(predictionHistory.newest), \(encodingHistory.newest) and \(weightHistory?.newest ?? round - 1), which do not fit round \(round)")
        }
        if let sample {
            guard let k = simulation.policy.sampleSize, k < n, sample.count == k else {
                throw CheckpointError.corrupt("a k-sample of \(sample.count) clients, which this run does not draw")
            }
            guard sample.allSatisfy({ (0..<n).contains($0) }), Set(sample).count == sample.count else {
                throw CheckpointError.corrupt("the k-sample repeats a client or names one outside 0…\(n - 1)")
            }
        }
        try scores.validate(clients: n, rounds: round, like: fresh.scores)
        return self
    }
}

extension ForecastSimulation.Scores {
    /// Throws ``CheckpointError/corrupt(_:)`` unless every sum fits `clients` clients after `rounds` rounds.
    func validate(clients n: Int, rounds: Int, like fresh: Self) throws {
        let nonNegative = 0...Double.greatestFiniteMagnitude
        for (value, field) in [(mixtureSquared, "a squared error sum"), (naiveSquared, "a squared error sum"),
                               (lastMixtureSquaredError, "the last squared error"), (wallSeconds, "the wall time")]
        where !nonNegative.contains(value) {
            throw CheckpointError.corrupt("\(field) is \(value), a finite number >= 0 expected")
        }
        try StateReader.check(clientSquared, "the clients' squared errors", count: n)
        try StateReader.check(clientCost, "the clients' costs", count: n)
        guard (0...rounds).contains(scored) else { throw CheckpointError.corrupt("\(scored) rounds scored by round \(rounds)") }
        guard (0...(1 << 53)).contains(messages) else { throw CheckpointError.corrupt("the message count \(messages)") }
        switch (hindsight, fresh.hindsight) {
        case (nil, nil): break
        case let (restored?, expected?): try restored.validate(like: expected)
        default: throw CheckpointError.corrupt("the regret sums are \(hindsight == nil ? "missing" : "extra") for this run")
        }
    }
}
