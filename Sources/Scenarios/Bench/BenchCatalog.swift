import Agents
import Engine

/// The workloads of `sim bench`, defined exactly as the README's "Performance" section states them so that
/// the figures compare with other simulators:
///
/// * **W1 ping** — 1,000 processes, each repeatedly waiting an exponential(mean 1) delay, to t = 1,000;
/// * **W2 bulk events** — 10^6 one-shot events at uniform times in [0, 10^6), inserted then drained;
/// * **W3 ring robots** — n agents on a ring of 5 zones, stay/+1/−1 w.p. 0.6/0.2/0.2; the global
///   agent samples k = 10 and moves to the modal zone; H = 100 steps; n = 10^3, 10^5, 10^6, 10^7;
/// * **W4 G-LEARN** — ring-zones value iteration (uniform local policy, γ = 0.95, the default
///   `rounding` count transitions) for k = 10, 20, 30, count-transition table included;
/// * **W5 ring-zones full step** — the real ``TabularWorld`` with its tables and rewards, n = 10^6;
/// * **W6 memoa** — `ts-logistic`'s `memoa` (mean-field from all N clients), N = 10^5 and 10^6, 200 rounds;
/// * **W7 greedy** — `ts-logistic`'s `greedy`, the same sizes;
/// * **W8 exploitability** — `sim exploitability` of the ring-zones alternating-marl pair at k = 20,
///   n = 1,000, 10 seeds × 20 episodes × 50 steps (``exploitability(agents:threads:)``).
public enum BenchCatalog {
    /// Every workload name, in run order.
    public static let names = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]
    /// The seed of every workload (fixed: runs of one build do identical work).
    public static let seed: UInt64 = 1
    /// W3's population sizes.
    public static let ringRobotSizes = [1_000, 100_000, 1_000_000, 10_000_000]

    /// W6's and W7's client counts N.
    public static let forecastSizes = [100_000, 1_000_000]

    /// W4's sample sizes k.
    public static let gLearnSizes = [10, 20, 30]

    /// Why a workload cannot run in this build, nil when it can (every workload can, at present; the
    /// hook stays for workloads whose code lives on another branch).
    public static func unavailable(_ name: String) -> String? { nil }

    /// Bytes one unit of size takes at run time, generously: W1 a process with its pending event, W2 an
    /// event with its time and queue slot, W3 and W5 an agent with its state, draws and chunk buffers,
    /// W6 and W7 a forecasting client with its maps, last rounds, state and regret sums.
    static let bytesPerUnit: [String: Double] = ["W1": 256, "W2": 128, "W3": 32, "W5": 32, "W6": 1_024, "W7": 1_024]

    /// Why `size` cannot be run for workload `name` within `limits` (W4's k must keep the count-vector
    /// space small; the others must fit 32-bit agent ids and the memory budget), nil when it can.
    public static func sizeProblem(_ name: String, size: Int, limits: ResourceLimits = .machine) -> String? {
        if name == "W4" { return size > 100 ? "W4's size is k, at most 100 (the count-vector space grows as k^4)" : nil }
        if size > Int(Int32.max) { return "\(name)'s size at most \(Int32.max) (agent and process ids are 32-bit)" }
        let bytes = Double(size) * (bytesPerUnit[name] ?? 0)
        if bytes > limits.memoryBytes {
            return "\(name)'s size small enough for memory: \(size) × \(Int(bytesPerUnit[name] ?? 0)) bytes = "
                + "\(ResourceLimits.format(bytes)), more than the \(ResourceLimits.format(limits.memoryBytes)) allowed "
                + "(\(limits.origin); SIM_MEMORY_LIMIT sets the budget)"
        }
        return nil
    }

    /// The cases of workload `name` (several sizes for W3), empty when it is unavailable.
    /// `sizes` replaces the defined sizes (processes for W1, events for W2, agents for W3 and W5, clients
    /// for W6 and W7),
    /// e.g. to profile a small instance; figures against the budgets use the defined ones.
    /// - Precondition: `name` is one of ``names``; `threads >= 1`; every size >= 1.
    public static func cases(_ name: String, threads: Int, sizes: [Int]? = nil) -> [BenchCase] {
        precondition(threads >= 1, "threads must be >= 1, got \(threads)")
        precondition(sizes?.allSatisfy { $0 >= 1 } ?? true, "sizes must be >= 1")
        switch name {
        case "W1": return (sizes ?? [1_000]).map { ping(processes: $0, until: 1_000) }
        case "W2": return (sizes ?? [1_000_000]).map { bulk(events: $0) }
        case "W3": return (sizes ?? ringRobotSizes).map { ringRobots(robots: $0, steps: 100, threads: threads) }
        case "W4": return (sizes ?? gLearnSizes).map { gLearn(k: $0) }
        case "W5": return (sizes ?? [1_000_000]).map { ringZones(agents: $0, steps: 100, threads: threads) }
        case "W6": return (sizes ?? forecastSizes).map { forecast("W6", forecastMemoa, clients: $0, rounds: 200, threads: threads) }
        case "W7": return (sizes ?? forecastSizes).map { forecast("W7", forecastGreedy, clients: $0, rounds: 200, threads: threads) }
        case "W8": return (sizes ?? [1_000]).map { exploitability(agents: $0, threads: threads) }
        default: return []
        }
    }

    /// W1 with other sizes (tests use small ones).
    public static func ping(processes: Int, until: SimTime) -> BenchCase {
        BenchCase(name: "W1", size: processes, unit: .eventsPerSecond, threads: 1) {
            var simulation = PingModel.simulation(processes: processes, seed: seed)
            return {
                _ = try simulation.run(until: until)
                return simulation.dispatched
            }
        }
    }

    /// W2 with other sizes.
    public static func bulk(events: Int) -> BenchCase {
        BenchCase(name: "W2", size: events, unit: .eventsPerSecond, threads: 1) {
            let times = CountingModel.uniformTimes(count: events, seed: seed)
            return { try CountingModel.insertAndDrain(times) }
        }
    }

    /// W3 with other sizes: k = 10 (or n when smaller), `steps` ticks.
    public static func ringRobots(robots n: Int, steps: Int, threads: Int) -> BenchCase {
        BenchCase(name: "W3", size: n, unit: .agentStepsPerSecond, threads: threads) {
            var simulation = RingRobots.simulation(robots: n, k: min(10, n), seed: seed, threads: threads)
            return {
                _ = try simulation.run(until: Double(steps))
                return n * steps
            }
        }
    }

    /// W5 with other sizes: one episode of `steps` ticks.
    public static func ringZones(agents n: Int, steps: Int, threads: Int) -> BenchCase {
        BenchCase(name: "W5", size: n, unit: .agentStepsPerSecond, threads: threads) {
            var simulation = RingZonesFullStep.simulation(agents: n, horizon: steps, seed: seed, threads: threads)
            return {
                _ = try simulation.run(until: Double(steps))
                return n * steps
            }
        }
    }

    /// W4 for one k: G-LEARN solves the global agent's MDP on ring-zones against the uniform local
    /// policy; one operation is one solve (building the count-transition table included).
    public static func gLearn(k: Int) -> BenchCase {
        BenchCase(name: "W4", size: k, unit: .solvesPerSecond, threads: 1) {
            let game = RingZones().game()
            let learner = GLearn(game: game, gamma: 0.95)
            let local = LocalPolicyTable.uniform(for: game)
            return {
                let result = learner.solve(localPolicy: local, k: k)
                precondition(result.value.allSatisfy(\.isFinite), "G-LEARN produced a non-finite value")
                return 1
            }
        }
    }
}
