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

/// N encoder clients with their own last outputs Z_{t−1}, as ``ForecastSimulation`` keeps them (its
/// ``ForecastSimulation/State/encoderOutputs``): the tests step the encoders alone.
struct EncoderPopulation: Sendable {
    /// The clients' maps and noise stream.
    let maps: EncoderMaps
    let clients: Int
    /// Z_{t−1} of every client, flat `[client][row][column]` (zero before the first step).
    private(set) var previous: [Double]

    /// Draws the maps.
    /// - Precondition: all sizes >= 1.
    init(config: EncoderConfig, clients: Int, inputDimension: Int, targetDimension: Int, seed: UInt64) {
        maps = EncoderMaps(config: config, clients: clients, inputDimension: inputDimension, targetDimension: targetDimension, seed: seed)
        self.clients = clients
        previous = [Double](repeating: 0, count: clients * targetDimension * config.latentWidth)
    }

    var config: EncoderConfig { maps.config }
    var inputDimension: Int { maps.inputDimension }
    var targetDimension: Int { maps.targetDimension }

    /// Size of one client's Z (d_y · d_z).
    var blockSize: Int { maps.blockSize }

    /// Computes Z_t of every client from x_t and stores it as the new Z_{t−1}.
    /// - Returns: flat `[client][row][column]`.
    /// - Complexity: O(N · d_y · (d_x + d_y · d_z)).
    mutating func encode(input x: [Double], round t: Int) -> [Double] {
        var z = [Double](repeating: 0, count: clients * blockSize)
        let maps = maps, range = 0..<clients
        z.withUnsafeMutableBufferPointer { out in
            previous.withUnsafeMutableBufferPointer { prev in
                maps.encode(input: x, round: t, clients: range, previous: UnsafePointer(prev.baseAddress!), into: out.baseAddress!,
                            stream: maps.stream, noiseAgentOffset: 0, storeInto: prev.baseAddress!)
            }
        }
        return z
    }
}
