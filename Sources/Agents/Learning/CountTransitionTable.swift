/// Sparse transition rows between count vectors, one row per (s_g, s_g^T, counts), in compressed-row
/// form over flat arrays (no dictionaries, no per-row allocation).
///
/// Row index = `(s_g * keysPerGlobal + j) * space.count + rank`, with `j = s_g'` when the local chain
/// reads the next global state and `j = 0` otherwise (then one row serves every s_g').
public struct CountTransitionTable: Sendable {
    /// The count vectors of the k sampled agents.
    public let space: CountVectorSpace
    /// |S_g|.
    public let globalStates: Int
    /// 1, or |S_g| when rows depend on s_g'.
    public let keysPerGlobal: Int
    /// Row r's entries are `rowStart[r]..<rowStart[r+1]`.
    public private(set) var rowStart: [Int]
    /// Successor count-vector ranks.
    public private(set) var successor: [Int32]
    /// Their probabilities (each row sums to 1 up to rounding).
    public private(set) var probability: [Double]

    /// Builds the rows of `method` for the chain `dynamics`.
    /// - Complexity: `rounding` O(|S_g| · keys · count · L²); `monteCarlo` and `subsample` O(rows · samples · k);
    ///   `exact` O(rows · Σ_{m≤k} C(m+L-1, L-1) · L²).
    public init(space: CountVectorSpace, dynamics: InducedLocalDynamics, method: CountTransitionMethod) {
        precondition(space.states == dynamics.localStates, "count space and local chain disagree on |S_l|")
        self.space = space
        globalStates = dynamics.globalStates
        keysPerGlobal = dynamics.dependsOnNextGlobal ? dynamics.globalStates : 1
        rowStart = [0]
        successor = []
        probability = []
        let rows = globalStates * keysPerGlobal * space.count
        rowStart.reserveCapacity(rows + 1)
        switch method {
        case .rounding:
            successor.reserveCapacity(rows)
            probability.reserveCapacity(rows)
            buildRounding(dynamics)
        case .exact:
            buildExact(dynamics)
        case let .monteCarlo(samples, seed):
            precondition(samples >= 1, "monteCarlo needs samples >= 1, got \(samples)")
            buildMonteCarlo(dynamics, samples: samples, seed: seed, freshSubsample: false)
        case let .subsample(samples, seed):
            precondition(samples >= 1, "subsample needs samples >= 1, got \(samples)")
            buildMonteCarlo(dynamics, samples: samples, seed: seed, freshSubsample: true)
        }
    }

    /// Number of rows.
    public var rowCount: Int { rowStart.count - 1 }

    /// The row of (s_g, s_g', rank).
    @inlinable public func row(_ sg: Int, next: Int, rank: Int) -> Int {
        (sg * keysPerGlobal + (keysPerGlobal == 1 ? 0 : next)) * space.count + rank
    }

    /// The (successor rank, probability) entries of a row, for tests and inspection.
    public func entries(ofRow r: Int) -> [(rank: Int, probability: Double)] {
        (rowStart[r]..<rowStart[r + 1]).map { (Int(successor[$0]), probability[$0]) }
    }

    /// Appends one row (entries must already be merged).
    mutating func appendRow(_ ranks: UnsafeBufferPointer<Int32>, _ weights: UnsafeBufferPointer<Double>) {
        successor.append(contentsOf: ranks)
        probability.append(contentsOf: weights)
        rowStart.append(successor.count)
    }

    /// Appends a single-entry row.
    mutating func appendDeterministicRow(_ rank: Int) {
        successor.append(Int32(rank))
        probability.append(1)
        rowStart.append(successor.count)
    }

    /// Visits every row key in row order with (s_g, key j, rank, counts).
    func forEachRow(_ body: (Int, Int, Int, [Int]) -> Void) {
        var counts = [Int](repeating: 0, count: space.states)
        for sg in 0..<globalStates {
            for j in 0..<keysPerGlobal {
                for rank in 0..<space.count {
                    space.unrank(rank, into: &counts)
                    body(sg, j, rank, counts)
                }
            }
        }
    }
}
