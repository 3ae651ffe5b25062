import Agents
import Engine

/// A biased random walk, the smallest real world: n walkers start each episode at 0 on the integers;
/// every tick the global agent chooses a drift d ∈ {-1, 0, +1} (`globalStep`) and each walker i then
/// moves by d with probability p, else stays (`policyStep`, one event for the whole population), with
/// the draw u_{i,t} < p taken from the `world` stream at (agent i, step t). `worldTick` every H steps
/// starts an episode. Per episode it reports the walkers' final mean position and their spread
/// (max − min). With p = 1 and d = +1 every walker ends an episode of H steps at H.
///
/// All mutable state is one ``State`` value, checkpointed by ``StateEncoder``; the run's fixed
/// setup is one ``Configuration`` value, whose digest a checkpoint carries.
struct DriftWalk<Extra: DriftWalkExtra>: SessionModel {
    /// What is fixed for a run.
    struct Configuration: Codable, Sendable, Equatable {
        /// n.
        var walkers: Int
        /// p, the probability that a walker follows the drift in a tick.
        var moveProbability: Double
        /// The global agent's rule.
        var policy: DriftPolicy
        /// The settings of the extra state.
        var extra: Extra.Settings
    }

    /// Everything that changes during a run.
    struct State: Codable, Equatable {
        /// Each walker's position.
        var positions: [Int]
        /// The drift chosen this tick.
        var drift = 0
        /// Per-episode final mean position.
        var finalMean = RunningStats()
        /// Per-episode final spread.
        var spread = RunningStats()
        /// What a variant adds.
        var extra = Extra()
    }

    let configuration: Configuration
    private let world: RandomStream, policy: RandomStream
    private(set) var state: State

    init(configuration: Configuration, seed: UInt64) {
        self.configuration = configuration
        world = RandomStream(seed: seed, .world)
        policy = RandomStream(seed: seed, .policy)
        state = State(positions: Array(repeating: 0, count: configuration.walkers))
    }

    mutating func handle(_ event: Event, context: inout EventContext) throws {
        let step = Int(context.now)
        switch event.kind {
        case .worldTick:
            if step > 0 { closeEpisode() }
            state.positions = Array(repeating: 0, count: configuration.walkers)
        case .globalStep:
            state.drift = configuration.policy.drift(step: step, stream: policy)
            context.note("drift", .int(state.drift))
        case .policyStep:
            var moved = 0
            for i in state.positions.indices {
                var cell = world.generator(agent: i, step: step)
                if cell.uniform() < configuration.moveProbability {
                    state.positions[i] += state.drift
                    moved += 1
                }
            }
            state.extra.record(moved: moved, settings: configuration.extra)
            context.note("positions", .ints(state.positions))
        default:
            break
        }
    }

    private mutating func closeEpisode() {
        let positions = state.positions
        state.finalMean.add(Double(positions.reduce(0, +)) / Double(positions.count))
        state.spread.add(Double((positions.max() ?? 0) - (positions.min() ?? 0)))
    }

    mutating func finishRun() { closeEpisode() }

    var metricSummaries: [(name: String, stats: RunningStats)] { [("finalMean", state.finalMean), ("spread", state.spread)] }
    var stepSeries: [StepSeries] { [] }
    func inspectGlobal() -> [(String, String)] { [("drift", String(state.drift))] }
    func inspectAgent(_ agent: Int) -> [(String, String)]? {
        state.positions.indices.contains(agent) ? [("position", String(state.positions[agent]))] : nil
    }
    var agentCount: Int { configuration.walkers }
    func inspectMeanField() -> [(String, String)] {
        [("mean", String(Double(state.positions.reduce(0, +)) / Double(state.positions.count)))]
    }

    var checkpointUnavailable: String? { nil }

    /// The configuration's digest, then the state.
    func saveCheckpoint(into writer: inout StateWriter) throws {
        writer.write(try StateDigest.of(configuration))
        try StateEncoder.encode(state, into: &writer)
    }

    /// Refuses a checkpoint taken under another configuration, or whose positions do not fit this run.
    mutating func restoreCheckpoint(from reader: inout StateReader) throws {
        guard try reader.readUInt64() == StateDigest.of(configuration) else {
            throw CheckpointError.mismatch("the drift-walk configuration differs")
        }
        let restored = try StateDecoder.decode(State.self, from: &reader)
        guard restored.positions.count == configuration.walkers, (-1...1).contains(restored.drift) else {
            throw CheckpointError.corrupt("\(restored.positions.count) walker positions or drift \(restored.drift)")
        }
        state = restored
    }
}

/// The global agent's rule: a fixed drift, or one drawn uniformly from {-1, 0, +1} each tick from the
/// `policy` stream at (agent −1, step t).
enum DriftPolicy: Codable, Sendable, Equatable {
    case push(drift: Int)
    case random

    func drift(step: Int, stream: RandomStream) -> Int {
        switch self {
        case .push(let drift): return drift
        case .random:
            var cell = stream.generator(agent: -1, step: step)
            return cell.int(below: 3) - 1
        }
    }
}
