import Agents
import Engine

/// W3 "ring robots": n robots on a ring of ``zones`` zones. Every tick each robot stays, steps +1 or
/// steps −1 (mod 5) with probabilities 0.6 / 0.2 / 0.2 (`policyStep`, one event for the whole
/// population); then the global agent samples k robots without replacement, counts their zones and
/// moves to the modal zone, lowest on ties (`globalObserve`, triggered by the step).
///
/// States are one byte per robot and no random state is stored: robot i's draw at step t is cell
/// (i, t) of the `world` stream, so stepping in fixed chunks on any number of threads gives
/// bit-identical states.
public struct RingRobots: SimulationModel {
    /// Zones on the ring.
    public static let zones = 5
    /// The robots' zones.
    public private(set) var states: [UInt8]
    /// The global agent's zone.
    public private(set) var globalZone = 0
    /// The counts of the last k-sample, by zone.
    public private(set) var sampleCounts = [Int](repeating: 0, count: RingRobots.zones)
    /// Threads for the population step (results do not depend on it).
    public var threads: Int

    private let moves: RandomStream, subsamples: RandomStream
    private var sampler: SubsampleSampler
    private let chunks: PopulationChunks

    // A draw r (64 uniform bits) stays when r < stayBelow, steps +1 when r < plusBelow, else −1:
    // probabilities 0.6 and 0.2 up to 2^-64 rounding of the bounds.
    static let stayBelow = UInt64(0.6 * 0x1p64)
    static let plusBelow = UInt64(0.8 * 0x1p64)

    /// n robots i.i.d. uniform over the zones (`initial` stream).
    /// - Precondition: `1 <= k <= n`, `threads >= 1`.
    public init(robots n: Int, k: Int, seed: UInt64, threads: Int = 1, chunkSize: Int = PopulationChunks.defaultChunkSize) {
        let initial = RandomStream(seed: seed, .initial)
        states = (0..<n).map { i in
            var cell = initial.generator(agent: i, step: 0)
            return UInt8(truncatingIfNeeded: cell.int(below: RingRobots.zones))
        }
        self.threads = threads
        moves = RandomStream(seed: seed, .world)
        subsamples = RandomStream(seed: seed, .subsample)
        sampler = SubsampleSampler(k: k, n: n)
        chunks = PopulationChunks(count: n, chunkSize: chunkSize)
    }

    /// The schedule: the population steps every tick and the global agent observes right after.
    public static var schedule: [(kind: EventKind, schedule: Schedule)] {
        [(.policyStep, .everyTick), (.globalObserve, .triggeredBy(.policyStep, delay: 0))]
    }

    /// A simulation of `steps` ticks is `run(until: steps)` on this.
    public static func simulation(robots n: Int, k: Int, seed: UInt64, threads: Int = 1) -> Simulation<RingRobots> {
        Simulation(model: RingRobots(robots: n, k: k, seed: seed, threads: threads),
                   schedules: ScheduleTable(schedule, seed: seed, agents: n))
    }

    public mutating func handle(_ event: Event, context: inout EventContext) {
        switch event.kind {
        case .policyStep: moveAll(step: context.occurrence)
        case .globalObserve: observe(step: context.occurrence)
        default: break
        }
    }

    private mutating func moveAll(step: Int) {
        let moves = self.moves, chunks = self.chunks
        states.withUnsafeMutableBufferPointer { buffer in
            let shared = ChunkedBuffer(buffer)
            _ = chunks.map(threads: threads) { _, range in
                Self.move(shared.buffer, range: range, stream: moves, step: step)
            }
        }
    }

    /// The per-robot loop: one counter-based draw, two compares, no branches on the draw.
    @inline(__always)
    static func move(_ states: UnsafeMutableBufferPointer<UInt8>, range: Range<Int>, stream: RandomStream, step: Int) {
        for i in range {
            var cell = stream.generator(agent: i, step: step)
            let r = cell.next()
            let delta: UInt8 = r < stayBelow ? 0 : (r < plusBelow ? 1 : UInt8(zones - 1))
            let moved = states[i] &+ delta
            states[i] = moved >= UInt8(zones) ? moved &- UInt8(zones) : moved
        }
    }

    private mutating func observe(step: Int) {
        var cell = subsamples.generator(agent: -1, step: step)
        sampler.draw(using: &cell)
        for zone in sampleCounts.indices { sampleCounts[zone] = 0 }
        for i in sampler.sample { sampleCounts[Int(states[i])] += 1 }
        globalZone = ModeDispatchPolicy.mode(of: sampleCounts)
    }
}
