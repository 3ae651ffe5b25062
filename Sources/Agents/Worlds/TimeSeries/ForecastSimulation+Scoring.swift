import Engine

extension ForecastSimulation {
    /// Scores the predictions of y_t: squared errors and each client's realized stage cost
    /// q |Yhat_i − y|² + κ |Yhat_i − m|² + λ |yhat − y|² + γ |β_i|² (evaluation weights), m the mean
    /// prediction (summed in client order). The per-client part runs on the fixed chunks.
    mutating func score(_ t: Int) {
        let dy = data.targetDimension, dz = encoders.config.latentWidth, n = clients
        let y = data.target(t), previous = data.target(t - 1)
        var mixErr = 0.0
        for d in 0..<dy {
            let e = state.serverPrediction[d] - y[d]
            mixErr += e * e
            let naive = previous[d] - y[d]
            state.scores.naiveSquared += naive * naive
        }
        state.scores.mixtureSquared += mixErr
        if state.scores.hindsight != nil {
            let z = state.encodingHistory.offset(t - 1), chunks = chunks, threads = threads
            state.encodingHistory.storage.withUnsafeBufferPointer { ring in
                state.scores.hindsight?.add(encoding: ring.baseAddress! + z, target: y, last: previous, chunks: chunks, threads: threads)
            }
        }
        state.scores.lastMixtureSquaredError = mixErr
        var mean = [Double](repeating: 0, count: dy)
        state.predictions.withUnsafeBufferPointer { p in
            for d in 0..<dy {
                var s = 0.0
                for i in 0..<n { s += p[i * dy + d] }
                mean[d] = s / Double(n)
            }
        }
        let w = evaluation, chunks = chunks, threads = threads, average = mean, mixture = mixErr
        state.predictions.withUnsafeBufferPointer { p in
            state.controls.withUnsafeBufferPointer { beta in
                state.scores.clientSquared.withUnsafeMutableBufferPointer { squared in
                    state.scores.clientCost.withUnsafeMutableBufferPointer { cost in
                        let shared = ScoringBuffers(predictions: p, controls: beta, squared: ChunkedBuffer(squared),
                                                    cost: ChunkedBuffer(cost))
                        _ = chunks.map(threads: threads) { _, range in
                            shared.add(clients: range, target: y, mean: average, mixtureError: mixture, weights: w, dy: dy, dz: dz)
                        }
                    }
                }
            }
        }
        state.scores.scored += 1
    }

    /// The metrics so far (over the rounds scored).
    public var metrics: ForecastMetrics {
        let a = state.scores
        let cells = Double(max(1, a.scored * data.targetDimension))
        let clientRMSE = a.clientSquared.map { ($0 / cells).squareRoot() }
        let n = Double(clients)
        let meanCost = a.clientCost.reduce(0, +) / n
        let variance = a.clientCost.reduce(0) { $0 + ($1 - meanCost) * ($1 - meanCost) } / n
        let rounds = Double(max(1, state.round))
        return ForecastMetrics(mixtureRMSE: (a.mixtureSquared / cells).squareRoot(),
                               meanClientRMSE: clientRMSE.reduce(0, +) / n,
                               worstClientRMSE: clientRMSE.max() ?? 0,
                               worstClientCost: a.clientCost.max() ?? 0,
                               meanClientCost: meanCost,
                               clientCostStd: variance.squareRoot(),
                               messages: Double(a.messages) / rounds,
                               wallSecondsPerStep: a.wallSeconds / rounds,
                               naiveRMSE: (a.naiveSquared / cells).squareRoot(),
                               worstClientRegret: a.hindsight?.worstRegret(clientLosses: a.clientSquared) ?? .nan)
    }
}

/// The buffers one scoring pass shares with the chunk workers (each writes only its own clients).
private struct ScoringBuffers: @unchecked Sendable {
    let predictions: UnsafeBufferPointer<Double>, controls: UnsafeBufferPointer<Double>
    let squared: ChunkedBuffer<Double>, cost: ChunkedBuffer<Double>

    func add(clients range: Range<Int>, target y: [Double], mean: [Double], mixtureError mixErr: Double,
             weights w: CostWeights, dy: Int, dz: Int) {
        for i in range {
            var own = 0.0, dev = 0.0, effort = 0.0
            for d in 0..<dy {
                let e = predictions[i * dy + d] - y[d], m = predictions[i * dy + d] - mean[d]
                own += e * e
                dev += m * m
            }
            for c in 0..<dz { effort += controls[i * dz + c] * controls[i * dz + c] }
            squared.buffer[i] += own
            cost.buffer[i] += w.q * own + w.kappa * dev + w.lambda * mixErr + w.gamma * effort
        }
    }
}
