/// A counter-based random stream: every number is a pure function of
/// `(seed, stream, agent, step, draw)`.
///
/// No generator state is stored per agent; an agent's numbers at a step are recomputed on demand with
/// ``generator(agent:step:)``. Consequences the simulator relies on:
/// 1. two policies run with one seed see the same exogenous numbers (common random numbers);
/// 2. results do not depend on evaluation order or thread count;
/// 3. 10^7 agents cost only their states.
public struct RandomStream: Sendable, Hashable {
    /// The mixed `(seed, stream)` key.
    public let base: UInt64

    /// Creates the stream `name` of run `seed`.
    public init(seed: UInt64, _ name: StreamName) {
        base = mix64(mix64(seed &+ golden64) ^ (name.rawValue &* 0xD1B5_4A32_D192_ED03))
    }

    /// The generator for one `(agent, step)` cell; its draws are numbered 0, 1, 2, …
    /// Agent `-1` (or any negative value) conventionally names the global agent or the population.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func generator(agent: Int, step: Int) -> CounterRandom {
        self.agent(agent).generator(step: step)
    }

    /// The cells of one agent. A model that draws for the same agents again and again can keep these
    /// and save one of the two mixes of ``generator(agent:step:)``; the numbers are the same.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func agent(_ agent: Int) -> AgentStream {
        AgentStream(key: mix64(base ^ (UInt64(bitPattern: Int64(agent)) &* 0x8CB9_2BA7_2F3D_8DD7)))
    }
}

/// One agent's part of a ``RandomStream``: its cells by step.
public struct AgentStream: Sendable, Hashable {
    /// The mixed `(seed, stream, agent)` key.
    public let key: UInt64

    @inlinable
    init(key: UInt64) { self.key = key }

    /// The generator for the agent's cell at `step` (the same as ``RandomStream/generator(agent:step:)``).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func generator(step: Int) -> CounterRandom {
        CounterRandom(key: mix64(key &+ UInt64(bitPattern: Int64(step)) &* golden64))
    }

    /// The first number of the agent's cell at `step` as an exponential with the given rate: the same
    /// number as `generator(step:).exponential(rate:)`. Not inlinable on purpose: compiled inside
    /// Engine, the cell stays in registers, its draw counter is known to start at 0, and the
    /// ziggurat's tables are plain static data (code inlined into another module reads them through
    /// a lazy-initialization check). On the critical path of a hold model this saves about 5 ns.
    /// - Precondition: `rate > 0`.
    public func exponential(step: Int, rate: Double) -> Double {
        var cell = generator(step: step)
        return cell.exponential(rate: rate)
    }
}

/// The draws of one `(seed, stream, agent, step)` cell. Draw `i` is `mix64(key + (i+1)·c)`.
public struct CounterRandom: Sendable {
    /// The cell's key.
    public let key: UInt64
    /// How many 64-bit values have been drawn (settable to replay a cell from a given draw).
    public var draws: UInt64 = 0

    /// Creates the cell with the given mixed key.
    @inlinable
    public init(key: UInt64) { self.key = key }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        draws &+= 1
        return mix64(key &+ draws &* 0xE703_7ED1_A0B4_28DB)
    }
}
