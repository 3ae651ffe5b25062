/// `memoa`: the decentralized mean-field policy — **our reconstruction** of the MEMOA paper's policy
/// (Yang, Emerson, Tavakoli & Kratsios 2026); the paper's own equations are not public, so this follows
/// the module README, "Time-series prediction", `memoa`, and is documented as a reconstruction in the README.
///
/// * λ is dropped: a client's influence on the mixture is ~1/N and vanishes.
/// * Each client takes the mean-field trajectory m_1 … m_T as given. Its cost
///   Σ c_τ [q |Y − y|² + κ |Y − m|² + γ |β|²] equals, up to a constant,
///   Σ c_τ [(q + κ) |Y − r|² + γ |β|²] with r = (q y + κ m) / (q + κ): a d_y-dimensional tracking
///   Riccati recursion (``TrackingRiccati``) whose cost does not depend on N.
/// * m is the mean of the replayed predictions under everyone's responses. Each response is affine in
///   m, Y_i(m) = a_i + C_i m, so the consistent m solves the T·d_y linear system (I − C̄) m = ā with
///   ā, C̄ the averages over the clients that report (all N, or the k sampled ones — `observation.k`).
///   ``Consistency/iterate(tolerance:maxIterations:)`` finds it by fixed-point iteration instead.
/// * Uniqueness: the map m ↦ mean Y(m) contracts by at most κ / (q + κ) < 1 when q > 0; q = 0 with
///   κ > 0 is rejected (every consensus trajectory would do).
public struct MemoaSolver: WindowGameSolver {
    /// How the consistent mean-field is found.
    public enum Consistency: Sendable, Equatable, Codable {
        /// One LU solve of (I − C̄) m = ā.
        case linearSolve
        /// m ← ā + C̄ m from m = 0 until the largest change is below `tolerance`.
        case iterate(tolerance: Double, maxIterations: Int)
    }

    public var consistency: Consistency

    public init(consistency: Consistency = .linearSolve) { self.consistency = consistency }

    /// The per-client tracking problems (one backward pass each).
    public func plans(_ game: WindowGame) throws -> [TrackingRiccati] {
        let w = game.weights
        precondition(w.q > 0 || w.kappa == 0, "memoa: q = 0 with kappa > 0 has no unique mean-field")
        let discounts = (0..<game.window).map { w.discount(step: $0, window: game.window) }
        return try (0..<game.clients).map { i in
            let samples = game.encodingSamples == nil ? nil
                : (0..<game.window).map { game.encodingSamples(client: i, step: $0)! }
            return try TrackingRiccati(encodings: (0..<game.window).map { game.encoding(client: i, step: $0) },
                                       samples: samples, trackingWeight: w.q + w.kappa, controlWeight: w.gamma,
                                       discounts: discounts)
        }
    }

    /// The tracking reference (q y_τ+1 + κ m_τ+1) / (q + κ) for a flat mean-field m (`[τ][dimension]`).
    public func reference(_ game: WindowGame, meanField m: [Double]) -> [[Double]] {
        let w = game.weights, dy = game.targetDimension
        let total = w.q + w.kappa
        return (0..<game.window).map { tau in
            (0..<dy).map { d in
                total == 0 ? game.targets[tau + 1][d]
                    : (w.q * game.targets[tau + 1][d] + w.kappa * m[tau * dy + d]) / total
            }
        }
    }

    /// Client i's replayed states Y_1 … Y_T (flat `[τ][dimension]`) when it responds to m.
    public func responseStates(_ plan: TrackingRiccati, _ game: WindowGame, meanField m: [Double]) -> [Double] {
        Array(plan.response(start: game.targets[0], reference: reference(game, meanField: m)).states.dropFirst().joined())
    }

    /// The consistent mean-field (flat `[τ][dimension]`) from the reporting clients' plans.
    public func consistentMeanField(_ game: WindowGame, plans: [TrackingRiccati], reporters: [Int]) throws -> [Double] {
        let size = game.window * game.targetDimension
        var mean0 = [Double](repeating: 0, count: size)
        var slope = Matrix(rows: size, columns: size)
        let zero = [Double](repeating: 0, count: size)
        let scale = 1 / Double(reporters.count)
        for i in reporters {
            let a = responseStates(plans[i], game, meanField: zero)
            for r in 0..<size { mean0[r] += scale * a[r] }
            guard game.weights.kappa != 0 else { continue }
            for k in 0..<size {
                var basis = zero
                basis[k] = 1
                let y = responseStates(plans[i], game, meanField: basis)
                for r in 0..<size { slope[r, k] += scale * (y[r] - a[r]) }
            }
        }
        return try consistentMeanField(mean: mean0, slope: slope)
    }

    /// The m solving m = ā + C̄ m (flat `[τ][dimension]`) for the averaged responses ā (to m = 0) and
    /// slopes C̄, by ``consistency``.
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` when I − C̄ is singular (`linearSolve`).
    public func consistentMeanField(mean mean0: [Double], slope: Matrix) throws -> [Double] {
        switch consistency {
        case .linearSolve:
            var system = -1 * slope
            system.addToDiagonal(1)
            return try LUFactorization(system).solve(mean0)
        case let .iterate(tolerance, maxIterations):
            var m = [Double](repeating: 0, count: mean0.count)
            for _ in 0..<maxIterations {
                let next = (0..<mean0.count).map { mean0[$0] + (slope * m)[$0] }
                let change = zip(next, m).reduce(0) { max($0, abs($1.0 - $1.1)) }
                m = next
                if change < tolerance { break }
            }
            return m
        }
    }

    public func solve(_ game: WindowGame, sample: [Int]?) throws -> WindowSolution {
        let plans = try plans(game)
        let m = try consistentMeanField(game, plans: plans, reporters: sample ?? Array(0..<game.clients))
        let ref = reference(game, meanField: m)
        let n = game.clients, dy = game.targetDimension, dz = game.latentWidth
        var controls = Array(repeating: [Double](repeating: 0, count: n * dz), count: game.window)
        var states = Array(repeating: [Double](repeating: 0, count: n * dy), count: game.window + 1)
        for i in 0..<n {
            let r = plans[i].response(start: game.targets[0], reference: ref)
            for tau in 0..<game.window {
                for c in 0..<dz { controls[tau][i * dz + c] = r.controls[tau][c] }
            }
            for tau in 0...game.window {
                for d in 0..<dy { states[tau][i * dy + d] = r.states[tau][d] }
            }
        }
        let meanField = (0..<game.window).map { Array(m[($0 * dy)..<(($0 + 1) * dy)]) }
        return WindowSolution(controls: controls, states: states, meanField: meanField)
    }
}
