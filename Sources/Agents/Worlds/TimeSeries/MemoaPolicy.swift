/// `memoa`: the decentralized mean-field Riccati policy (``MemoaSolver``, our reconstruction of MEMOA;
/// the module README, "Time-series prediction"): every game round each reporting client (all N, or the k
/// the server samples) sends its response summary, the server solves for the consistent mean-field m and
/// broadcasts it, and every client answers m with its own tracking Riccati plan. With
/// `criterion: worstClient` the window minimises the largest client cost instead (``WorstClientSolver``).
public struct MemoaPolicy: WindowGamePolicy, Equatable, Codable {
    public static let family = PolicyFamily(kind: "memoa", summary: "decentralized mean-field Riccati policy (our reconstruction of MEMOA), m from all N or k of N; criterion meanField or worstClient")

    /// What `memoa` minimises (the module README, "The worst-client criterion").
    public enum Criterion: Sendable, Equatable, Codable {
        /// Each client minimises its own cost against the consistent mean-field (the default).
        case meanField
        /// The largest client cost over the window, through per-client weights μ on the simplex found by
        /// exponentiated-gradient ascent until the duality gap is below the solver's `tolerance`
        /// (relative) or `maxIterations` steps have run; the solver also says which cost it bounds and
        /// the share ρ of the mean cost in the criterion, or of the clients' realized losses over the run
        /// with online weights (``WorstClientSolver``).
        case worstClient(WorstClientSolver)
    }

    public var game: WindowGameSettings
    /// k: the mean-field is formed from k sampled clients; nil = all N.
    public var sampleSize: Int?
    /// How the consistent mean-field is found.
    public var consistency: MemoaSolver.Consistency
    /// The criterion (`meanField`, the default, or `worstClient`).
    public var criterion: Criterion

    public init(game: WindowGameSettings = WindowGameSettings(), sampleSize: Int? = nil,
                consistency: MemoaSolver.Consistency = .linearSolve, criterion: Criterion = .meanField) {
        self.game = game
        self.sampleSize = sampleSize
        self.consistency = consistency
        self.criterion = criterion
    }

    public var solver: any WindowGameSolver {
        if case let .worstClient(solver) = criterion { return solver }
        return MemoaSolver(consistency: consistency)
    }

    /// Online worst-client weights depend on the run's realized losses, which a window replayed alone
    /// does not have, so the gap is not defined for them.
    public var strategies: ForecastStrategies {
        if case .worstClient(let worst) = criterion, worst.weights != .window {
            return .undefined(reason: "worstClient with online weights depends on the run's realized losses")
        }
        return .windowControls(game, solver)
    }

    /// k response summaries up (k = N without a sample), m down to all N.
    public func gameMessages(clients: Int, reporters: Int) -> Int { reporters + clients }

    /// The mean-field criterion on the observed Z runs client by client on the population's chunks
    /// (``ForecastSimulation/playMeanFieldGame(round:game:consistency:)``, the same numbers as the
    /// solver); the others solve the generic window game.
    public func playGame(_ simulation: inout ForecastSimulation, round t: Int) throws -> [Double]? {
        if case .worstClient(let worst) = criterion, worst.weights != .window {
            let solution = try worst.solve(simulation.windowGame(endingAt: t, game), losses: simulation.state.scores.clientSquared)
            simulation.applyGame(solution, game, round: t)
            return solution.meanField?.last
        }
        guard game.mcSamples == 0, criterion == .meanField else {
            let solution = try solver.solve(simulation.windowGame(endingAt: t, game), sample: simulation.state.sample)
            simulation.applyGame(solution, game, round: t)
            return solution.meanField?.last
        }
        return try simulation.playMeanFieldGame(round: t, game: game, consistency: consistency)
    }

    public var problem: String? {
        if let problem = game.problem(requiresGamma: true) { return problem }
        let w = game.weights
        if w.q == 0 && w.kappa > 0 { return "memoa with q = 0 and kappa > 0 has no unique mean-field; set q > 0" }
        if let k = sampleSize, k < 1 { return "observation.k must be >= 1, got \(k)" }
        if case .worstClient(let worst) = criterion {
            if w.q == 0 { return "criterion worstClient needs q > 0, got q = 0" }
            if !(worst.tolerance > 0) || worst.maxIterations < 1 { return "worstClient needs tolerance > 0 and maxIterations >= 1" }
            if case .online(let rate) = worst.weights {
                if !(rate > 0) || !rate.isFinite { return "worstClient online weights need a finite rate > 0, got \(rate)" }
                if worst.cost != .forecastError { return "worstClient online weights need worstCost forecastError" }
            }
        }
        return nil
    }
}
