import Engine
import Foundation

/// How long a client's job takes (the module README, "Federated optimization": client compute and upload
/// times are random, with per-client speed and a straggler tail), so rounds take simulated time.
///
/// * speed_i = exp(speedSpread · N(0, 1)), drawn once per client from the `client` stream;
/// * compute = steps · stepTime / speed_i, times stragglerScale · U^(-1/stragglerTail) (a Pareto
///   multiplier ≥ stragglerScale, heavy-tailed) with probability stragglerProbability;
/// * upload = Exponential with mean uploadLatency.
///
/// Per-job draws come from the `world` stream keyed by (client, job), never from a policy's stream,
/// so two policies under one seed see the same clocks.
public struct FedOptTiming: Encodable, Sendable, Equatable {
    /// Time of one local gradient step at speed 1.
    public var stepTime = 0.1
    /// Log-normal spread of client speeds.
    public var speedSpread = 0.5
    /// Chance that a job straggles.
    public var stragglerProbability = 0.1
    /// Minimum slow-down of a straggling job.
    public var stragglerScale = 4.0
    /// Pareto shape of the slow-down (smaller is heavier; ≤ 1 has no mean).
    public var stragglerTail = 1.5
    /// Mean upload latency.
    public var uploadLatency = 0.2

    /// The defaults.
    public init() {}

    /// speed_i for every client of `seed`.
    public func speeds(clients: Int, seed: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed, .client)
        return (0..<clients).map { i in
            var cell = stream.generator(agent: i, step: 1)
            return Foundation.exp(speedSpread * cell.normal())
        }
    }

    /// (compute, upload) times of one job of `steps` local steps by a client of speed `speed`;
    /// `random` is the `world` cell of (client, job).
    public func job(steps: Int, speed: Double, random: inout CounterRandom) -> (compute: Double, upload: Double) {
        var compute = Double(steps) * stepTime / speed
        let straggles = random.uniform() < stragglerProbability
        let tail = random.openUniform()
        if straggles { compute *= stragglerScale * Foundation.pow(tail, -1 / stragglerTail) }
        let upload = uploadLatency > 0 ? random.exponential(rate: 1 / uploadLatency) : 0
        return (compute, upload)
    }
}
