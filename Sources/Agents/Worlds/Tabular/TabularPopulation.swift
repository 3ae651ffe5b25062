import Engine

/// The local agents of a tabular world as struct-of-arrays: one byte of state per agent, no objects
///.
public struct TabularPopulation: Codable, Sendable, Equatable {
    /// s_i for every agent.
    public var states: [UInt8]
    /// How many agents are in each local state.
    public private(set) var histogram: [Int]

    /// A population of `count` agents in state 0.
    /// - Precondition: `localStates <= 256`.
    public init(count: Int, localStates: Int) {
        precondition(localStates >= 1 && localStates <= 256, "tabular states must fit in a byte")
        states = [UInt8](repeating: 0, count: count)
        histogram = [Int](repeating: 0, count: localStates)
        histogram[0] = count
    }

    /// Number of agents.
    public var count: Int { states.count }

    /// Replaces the histogram after a bulk update of ``states``.
    public mutating func setHistogram(_ counts: [Int]) {
        precondition(counts.count == histogram.count && counts.reduce(0, +) == states.count, "histogram mismatch")
        histogram = counts
    }

    /// The modal local state (lowest index on ties).
    public var mode: Int { ModeDispatchPolicy.mode(of: histogram) }

    /// The empirical distribution μ (the mean-field).
    public var meanField: [Double] { histogram.map { Double($0) / Double(max(count, 1)) } }
}
