/// One window game of the module README, "Time-series prediction": at round t the window is rounds t−T … t−1;
/// every client is replayed from Yhat = y_{t−T} with its observed encoder outputs Z_s of those rounds.
///
/// Window-relative indexing: step τ = 0 … T−1 is round t−T+τ; `targets[τ]` is y_{t−T+τ} for
/// τ = 0 … T; `encodings[τ]` holds every client's Z (flat `[client][row][column]`, d_y × d_z each);
/// `mixtureWeights[τ]` are the server weights w recorded at that round (used by the λ term).
public struct WindowGame: Sendable {
    public let clients: Int
    public let targetDimension: Int
    public let latentWidth: Int
    /// T.
    public let window: Int
    public var encodings: [[Double]]
    public var targets: [[Double]]
    public var mixtureWeights: [[Double]]
    public var weights: CostWeights
    /// Monte-Carlo samples of the encodings, `[τ][sample]` flat like `encodings` (whose entries are then
    /// the sample means); nil when the observed Z are used (the default, `mcSamples = 0`).
    public var encodingSamples: [[[Double]]]?

    /// - Precondition: shapes agree (T >= 1 encodings, T + 1 targets, T weight vectors of length N).
    public init(clients: Int, targetDimension: Int, latentWidth: Int, encodings: [[Double]], targets: [[Double]],
                mixtureWeights: [[Double]]? = nil, weights: CostWeights) {
        let window = encodings.count
        precondition(window >= 1, "WindowGame: empty window")
        precondition(targets.count == window + 1, "WindowGame: \(targets.count) targets for a window of \(window)")
        precondition(encodings.allSatisfy { $0.count == clients * targetDimension * latentWidth },
                     "WindowGame: encodings must hold N·d_y·d_z entries")
        precondition(targets.allSatisfy { $0.count == targetDimension }, "WindowGame: targets must have d_y entries")
        self.clients = clients
        self.targetDimension = targetDimension
        self.latentWidth = latentWidth
        self.window = window
        self.encodings = encodings
        self.targets = targets
        self.mixtureWeights = mixtureWeights ?? Array(repeating: Array(repeating: 1 / Double(clients), count: clients),
                                                      count: window)
        precondition(self.mixtureWeights.count == window && self.mixtureWeights.allSatisfy { $0.count == clients },
                     "WindowGame: need T weight vectors of length N")
        self.weights = weights
    }

    /// Client i's Z at step τ as a d_y × d_z matrix.
    public func encoding(client i: Int, step tau: Int) -> Matrix {
        let size = targetDimension * latentWidth
        return Matrix(rows: targetDimension, columns: latentWidth,
                      elements: Array(encodings[tau][(i * size)..<((i + 1) * size)]))
    }

    /// Client i's Monte-Carlo samples of Z at step τ, nil without samples.
    public func encodingSamples(client i: Int, step tau: Int) -> [Matrix]? {
        guard let draws = encodingSamples?[tau] else { return nil }
        let size = targetDimension * latentWidth
        return draws.map { Matrix(rows: targetDimension, columns: latentWidth, elements: Array($0[(i * size)..<((i + 1) * size)])) }
    }

    /// The same window with only clients 0 … n−1 (mixture weights renormalized to sum 1).
    public func restricted(toFirst n: Int) -> WindowGame {
        precondition(n >= 1 && n <= clients, "restricted: n = \(n) of \(clients)")
        let size = targetDimension * latentWidth
        var game = WindowGame(clients: n, targetDimension: targetDimension, latentWidth: latentWidth,
                          encodings: encodings.map { Array($0.prefix(n * size)) }, targets: targets,
                          mixtureWeights: mixtureWeights.map { w in
                              let total = w.prefix(n).reduce(0, +)
                              return w.prefix(n).map { $0 / total }
                          }, weights: weights)
        game.encodingSamples = encodingSamples?.map { step in step.map { Array($0.prefix(n * size)) } }
        return game
    }

    /// The replay start: every client at y_{t−T} (flat `[client][dimension]`).
    public var initialState: [Double] { (0..<clients).flatMap { _ in targets[0] } }

    /// Rolls the stacked state forward under given controls (flat `[τ][client][column]`).
    /// - Returns: states for τ = 0 … T, each flat `[client][dimension]`.
    public func rollout(controls: [[Double]]) -> [[Double]] {
        var states = [initialState]
        for tau in 0..<window { states.append(advance(states[tau], controls[tau], step: tau)) }
        return states
    }

    /// X_{τ+1} = X_τ + blockdiag(Z_i,τ) β_τ.
    public func advance(_ state: [Double], _ control: [Double], step tau: Int) -> [Double] {
        let dy = targetDimension, dz = latentWidth
        var next = state
        let z = encodings[tau]
        for i in 0..<clients {
            for r in 0..<dy {
                var s = 0.0
                for c in 0..<dz { s += z[(i * dy + r) * dz + c] * control[i * dz + c] }
                next[i * dy + r] += s
            }
        }
        return next
    }

    /// Client i's window cost J_i along a trajectory, with m the mean of the states.
    public func cost(client i: Int, states: [[Double]], controls: [[Double]]) -> Double {
        let dy = targetDimension, dz = latentWidth, n = clients
        var total = 0.0
        for tau in 0..<window {
            let x = states[tau + 1], y = targets[tau + 1], w = mixtureWeights[tau]
            var stage = 0.0
            for d in 0..<dy {
                var mean = 0.0, mix = 0.0
                for j in 0..<n {
                    mean += x[j * dy + d]
                    mix += w[j] * x[j * dy + d]
                }
                mean /= Double(n)
                let own = x[i * dy + d] - y[d], dev = x[i * dy + d] - mean, mixErr = mix - y[d]
                stage += weights.q * own * own + weights.kappa * dev * dev + weights.lambda * mixErr * mixErr
            }
            for c in 0..<dz { stage += weights.gamma * controls[tau][i * dz + c] * controls[tau][i * dz + c] }
            total += weights.discount(step: tau, window: window) * stage
        }
        return total
    }
}

/// A solved window: controls β_τ and the replayed states (flat as in ``WindowGame``).
public struct WindowSolution: Sendable {
    /// β_τ for τ = 0 … T−1, flat `[client][column]`.
    public var controls: [[Double]]
    /// Replayed states for τ = 0 … T, flat `[client][dimension]`; `states[T]` is the window-end value.
    public var states: [[Double]]
    /// The mean-field trajectory m_1 … m_T the solver used (memoa), else nil.
    public var meanField: [[Double]]?

    public init(controls: [[Double]], states: [[Double]], meanField: [[Double]]? = nil) {
        self.controls = controls
        self.states = states
        self.meanField = meanField
    }
}

/// A solver of window games.
public protocol WindowGameSolver: Sendable {
    /// Solves the window. `sample` lists the clients whose responses form the mean-field (nil = all).
    func solve(_ game: WindowGame, sample: [Int]?) throws -> WindowSolution
}
