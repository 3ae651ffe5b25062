import Engine
@testable import Agents

/// Deterministic random matrices for the time-series tests (never the stdlib RNG).
struct TestNormals {
    var generator: CounterRandom
    init(seed: UInt64, cell: Int = 0) {
        generator = RandomStream(seed: seed, .learner).generator(agent: 9_999, step: cell)
    }
    mutating func next() -> Double { generator.normal() }
    mutating func vector(_ n: Int) -> [Double] { (0..<n).map { _ in next() } }
    mutating func matrix(_ r: Int, _ c: Int) -> Matrix { Matrix(rows: r, columns: c, elements: vector(r * c)) }
}

/// A random window game with positive encodings of size N × d_y × d_z over T steps.
func randomWindowGame(seed: UInt64, clients: Int, targetDimension dy: Int = 1, latentWidth dz: Int = 2,
                      window: Int = 3, weights: CostWeights) -> WindowGame {
    var r = TestNormals(seed: seed)
    let encodings = (0..<window).map { _ in r.vector(clients * dy * dz).map { 0.5 + 0.3 * $0 } }
    let targets = (0...window).map { _ in r.vector(dy) }
    let mix = (0..<window).map { _ in
        let raw = r.vector(clients).map { 1 + 0.2 * $0 }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }
    return WindowGame(clients: clients, targetDimension: dy, latentWidth: dz, encodings: encodings,
                      targets: targets, mixtureWeights: mix, weights: weights)
}

extension ForecastSimulation {
    /// One round: the phases in the engine's order, through the dispatch ``TimeSeriesWorld`` uses.
    mutating func playRound(trace: ((ForecastEvent) -> Void)? = nil) throws {
        for phase in Self.phases {
            if let event = try handle(phase) { trace?(event) }
        }
    }

    /// Every remaining round.
    mutating func playToEnd(trace: ((ForecastEvent) -> Void)? = nil) throws -> ForecastMetrics {
        while !isFinished { try playRound(trace: trace) }
        return metrics
    }
}
