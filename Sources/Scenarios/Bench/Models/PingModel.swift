import Engine

/// W1 "ping": `processes` independent processes; each waits an exponential(mean 1) delay, increments a
/// counter and waits again (SimPy's classic event-loop benchmark). Every wake-up is one heap event
/// scheduled by the model through ``EventContext/schedule(_:after:agent:generation:)``, so the
/// workload measures the queue and the run loop, not the model.
///
/// A delay is drawn from the `schedule` stream's cell (process, sequence number of the wake-up that
/// draws it), so the model keeps no per-process state beyond the queue itself.
public struct PingModel: SimulationModel {
    /// The event kind of a wake-up.
    public static let ping = EventKind.custom("ping", index: 0)
    /// Wake-ups handled so far.
    public private(set) var counter = 0
    /// Each process's cells of the `schedule` stream, kept: it saves one of the two mixes per draw.
    private let delays: [AgentStream]
    /// ``ping``, held by the instance: reading a `static let` costs a `swift_once` check per event.
    private let wakeUp = Self.ping

    /// Creates the model and schedules every process's first wake-up (drawn at step −1).
    public static func simulation(processes: Int, seed: UInt64) -> Simulation<PingModel> {
        let stream = RandomStream(seed: seed, .schedule)
        let model = PingModel(delays: (0..<processes).map(stream.agent))
        var simulation = Simulation(model: model, schedules: ScheduleTable([], seed: seed, agents: processes))
        for process in 0..<processes {
            simulation.schedule(Self.ping, at: model.delay(process: process, step: -1), agent: Int32(process))
        }
        return simulation
    }

    private init(delays: [AgentStream]) {
        self.delays = delays
    }

    public mutating func handle(_ event: Event, context: inout EventContext) {
        counter += 1
        let step = Int(truncatingIfNeeded: event.key.sequence)
        context.schedule(wakeUp, after: delay(process: Int(event.agent), step: step), agent: event.agent)
    }

    @inline(__always)
    private func delay(process: Int, step: Int) -> SimTime {
        delays[process].exponential(step: step, rate: 1)
    }
}
