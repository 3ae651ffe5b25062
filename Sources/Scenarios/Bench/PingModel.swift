import Engine

/// W1 "ping": `processes` independent processes; each waits an exponential(mean 1) delay, increments a
/// counter and waits again (SimPy's classic event-loop benchmark). Every wake-up is one heap event
/// scheduled by the model through ``EventContext/schedule(_:after:agent:generation:)``, so the
/// workload measures the queue and the run loop, not the model.
public struct PingModel: SimulationModel {
    /// The event kind of a wake-up.
    public static let ping = EventKind.custom("ping", index: 0)
    /// Wake-ups handled so far.
    public private(set) var counter = 0
    /// Per process: how many delays it has drawn (the `step` of its random cell).
    private var draws: [Int]
    private let delays: RandomStream

    /// Creates the model and schedules every process's first wake-up in `simulation`'s queue.
    public static func simulation(processes: Int, seed: UInt64) -> Simulation<PingModel> {
        var model = PingModel(draws: [Int](repeating: 0, count: processes), delays: RandomStream(seed: seed, .schedule))
        let first = (0..<processes).map { model.nextDelay($0) }
        var simulation = Simulation(model: model, schedules: ScheduleTable([], seed: seed, agents: processes))
        for (process, time) in first.enumerated() { simulation.schedule(Self.ping, at: time, agent: Int32(process)) }
        return simulation
    }

    private init(draws: [Int], delays: RandomStream) {
        self.draws = draws
        self.delays = delays
    }

    public mutating func handle(_ event: Event, context: inout EventContext) {
        counter += 1
        context.schedule(Self.ping, after: nextDelay(Int(event.agent)), agent: event.agent)
    }

    private mutating func nextDelay(_ process: Int) -> SimTime {
        var cell = delays.generator(agent: process, step: draws[process])
        draws[process] += 1
        return cell.exponential(rate: 1)
    }
}
