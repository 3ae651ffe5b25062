import Engine
import Foundation

extension ForecastSimulation {
    /// The window game of round t: rounds t−T … t−1, replayed from y_{t−T}.
    func windowGame(endingAt t: Int) -> WindowGame {
        let T = policy.window
        var encodings = Array(encodingHistory[(t - T)..<t])
        var samples: [[[Double]]]?
        if policy.mcSamples > 0 {
            samples = monteCarloEncodings(endingAt: t)
            encodings = samples!.map { draws in
                (0..<draws[0].count).map { r in draws.reduce(0) { $0 + $1[r] } / Double(draws.count) }
            }
        }
        var game = WindowGame(clients: clients, targetDimension: data.targetDimension,
                              latentWidth: encoders.config.latentWidth, encodings: encodings,
                              targets: ((t - T)...t).map { data.target($0) },
                              mixtureWeights: Array(weightHistory[(t - T)..<t]), weights: policy.weights)
        game.encodingSamples = samples
        return game
    }

    /// `mcSamples` encoder rollouts over the window, `[τ][sample]`, each started at the last synchronized
    /// state Z_{t−T−1} (zero before round 0) with fresh noise from the `learner` stream.
    func monteCarloEncodings(endingAt t: Int) -> [[[Double]]] {
        let T = policy.window, samples = policy.mcSamples
        let start = t - T - 1 >= 0 ? encodingHistory[t - T - 1] : [Double](repeating: 0, count: encodingHistory[0].count)
        var draws = Array(repeating: [[Double]](), count: T)
        let stream = RandomStream(seed: seed, .learner)
        for k in 0..<samples {
            var z = start
            for tau in 0..<T {
                z = encoders.peek(input: data.input(t - T + tau), round: t * samples + k, previous: z,
                                  stream: stream, noiseAgentOffset: tau * clients)
                draws[tau].append(z)
            }
        }
        return draws
    }

    /// Applies a solved window: the last β (fitted with Z_{t−1}) is applied to Z_t, from the replayed
    /// window-end value (`replayReset`) or from the client's own Yhat_i,t.
    mutating func applyGame(_ solution: WindowSolution, round t: Int) {
        let dy = data.targetDimension, dz = encoders.config.latentWidth
        let beta = solution.controls[policy.window - 1]
        let base = policy.replayReset ? solution.states[policy.window] : predictions
        setNext(base: base, beta: beta, encoding: encodingHistory[t], dy: dy, dz: dz)
    }

    /// The greedy local ridge update of every client (GreedyConfig).
    mutating func applyGreedy(round t: Int) throws {
        let dy = data.targetDimension, dz = encoders.config.latentWidth
        let g = policy.greedy
        var beta = [Double](repeating: 0, count: clients * dz)
        let first = max(0, t - g.window)
        if t >= 1 {
            for i in 0..<clients {
                var a = Matrix.identity(dz)
                for d in 0..<dz { a[d, d] = g.gamma }
                var b = [Double](repeating: 0, count: dz)
                for s in first..<t {
                    let c = exp(-g.alpha * Double(t - 1 - s))
                    let z = encodingHistory[s], y = data.target(s + 1), yhat = predictionHistory[s]
                    for p in 0..<dz {
                        for r in 0..<dy {
                            let zrp = z[(i * dy + r) * dz + p]
                            b[p] += c * zrp * (y[r] - yhat[i * dy + r])
                            for q in 0..<dz { a[p, q] += c * zrp * z[(i * dy + r) * dz + q] }
                        }
                    }
                }
                let solved = try CholeskyFactorization(a).solve(b)
                for p in 0..<dz { beta[i * dz + p] = solved[p] }
            }
        }
        setNext(base: predictions, beta: beta, encoding: encodingHistory[t], dy: dy, dz: dz)
    }

    private mutating func setNext(base: [Double], beta: [Double], encoding z: [Double], dy: Int, dz: Int) {
        var next = base
        for i in 0..<clients {
            for r in 0..<dy {
                var s = 0.0
                for c in 0..<dz { s += z[(i * dy + r) * dz + c] * beta[i * dz + c] }
                next[i * dy + r] += s
            }
        }
        setIssued(next, controls: beta)
    }
}
