import Engine
import Foundation

extension ForecastSimulation {
    /// Phase 1's encoding: Z_t of every client into the newest slot of ``State/encodingHistory`` and into
    /// ``State/encoderOutputs`` (the next round's Z_{t−1}), chunk by chunk.
    mutating func encode(round t: Int) {
        let x = data.input(t), maps = encoders, chunks = chunks, threads = threads
        let slot = state.encodingHistory.advance()
        state.encodingHistory.storage.withUnsafeMutableBufferPointer { ring in
            let out = ChunkedBuffer(UnsafeMutableBufferPointer(rebasing: ring[slot...]))
            state.encoderOutputs.withUnsafeMutableBufferPointer { previous in
                let prev = ChunkedBuffer(UnsafeMutableBufferPointer(start: previous.baseAddress!, count: 0))
                _ = chunks.map(threads: threads) { _, range in
                    maps.encode(input: x, round: t, clients: range, previous: UnsafePointer(prev.buffer.baseAddress!),
                                into: out.buffer.baseAddress!, stream: maps.stream, noiseAgentOffset: 0,
                                storeInto: prev.buffer.baseAddress!)
                }
            }
        }
    }

    /// The window game of round t under `game`: rounds t−T … t−1, replayed from y_{t−T}.
    func windowGame(endingAt t: Int, _ game: WindowGameSettings) -> WindowGame {
        let T = game.window
        var encodings = ((t - T)..<t).map { state.encodingHistory.row($0) }
        var samples: [[[Double]]]?
        if game.mcSamples > 0 {
            samples = monteCarloEncodings(endingAt: t, window: T, samples: game.mcSamples)
            encodings = samples!.map { draws in
                (0..<draws[0].count).map { r in draws.reduce(0) { $0 + $1[r] } / Double(draws.count) }
            }
        }
        var window = WindowGame(clients: clients, targetDimension: data.targetDimension,
                              latentWidth: encoders.config.latentWidth, encodings: encodings,
                              targets: ((t - T)...t).map { data.target($0) },
                              mixtureWeights: ((t - T)..<t).map { state.weightHistory!.row($0) }, weights: game.weights)
        window.encodingSamples = samples
        return window
    }

    /// `samples` encoder rollouts over the window of T = `window` rounds, `[τ][sample]`, each started at
    /// the last synchronized state Z_{t−T−1} (zero before round 0) with fresh noise from the `learner` stream.
    func monteCarloEncodings(endingAt t: Int, window T: Int, samples: Int) -> [[[Double]]] {
        let start = t - T - 1 >= 0 ? state.encodingHistory.row(t - T - 1) : [Double](repeating: 0, count: state.encodingHistory.width)
        var draws = Array(repeating: [[Double]](), count: T)
        let stream = RandomStream(seed: seed, .learner)
        for k in 0..<samples {
            var z = start
            for tau in 0..<T {
                z = encoders.peek(input: data.input(t - T + tau), round: t * samples + k, clients: clients, previous: z,
                                  stream: stream, noiseAgentOffset: tau * clients)
                draws[tau].append(z)
            }
        }
        return draws
    }

    /// Applies a solved window: the last β (fitted with Z_{t−1}) is applied to Z_t, from the replayed
    /// window-end value (`replayReset`), from the client's own Yhat_i,t, or — `anchor: last` — from y_t.
    mutating func applyGame(_ solution: WindowSolution, _ game: WindowGameSettings, round t: Int) {
        let beta = solution.controls[game.window - 1]
        if game.anchor == .last {
            setNext(base: lastObservation(round: t), beta: beta, round: t)
        } else if game.replayReset {
            setNext(base: solution.states[game.window], beta: beta, round: t)
        } else {
            setNext(base: state.predictions, beta: beta, round: t)
        }
    }

    /// y_t repeated for every client (flat `[client][dimension]`): the base of `anchor: last`.
    func lastObservation(round t: Int) -> [Double] {
        let y = data.target(t), dy = data.targetDimension
        var base = [Double](repeating: 0, count: clients * dy)
        for i in 0..<clients { for d in 0..<dy { base[i * dy + d] = y[d] } }
        return base
    }

    /// Yhat_i,t+1 = base_i + Z_i,t β_i for every client (the sum over columns first), and β kept for scoring.
    private mutating func setNext(base: [Double], beta: [Double], round t: Int) {
        let dy = data.targetDimension, dz = encoders.config.latentWidth, n = clients
        let z = state.encodingHistory.offset(t)
        state.controls = beta
        state.encodingHistory.storage.withUnsafeBufferPointer { ring in
            state.nextPredictions.withUnsafeMutableBufferPointer { next in
                for i in 0..<n {
                    for r in 0..<dy {
                        var s = 0.0
                        for c in 0..<dz { s += ring[z + (i * dy + r) * dz + c] * beta[i * dz + c] }
                        next[i * dy + r] = base[i * dy + r] + s
                    }
                }
            }
        }
    }
}
