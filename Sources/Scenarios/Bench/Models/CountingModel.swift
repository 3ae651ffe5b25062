import Engine

/// W2 "bulk events": a model that only counts what it is handed, so a run measures the queue's
/// insert and drain.
public struct CountingModel: SimulationModel {
    /// The kind of the one-shot events.
    public static let oneShot = EventKind.custom("oneShot", index: 0)
    /// Events handled so far.
    public private(set) var counter = 0

    public init() {}

    public mutating func handle(_ event: Event, context: inout EventContext) {
        counter += 1
    }

    /// `count` one-shot event times, uniform in [0, count), drawn from the `schedule` stream.
    public static func uniformTimes(count: Int, seed: UInt64) -> [SimTime] {
        var cell = RandomStream(seed: seed, .schedule).generator(agent: -1, step: 0)
        let span = Double(count)
        return (0..<count).map { _ in cell.uniform() * span }
    }

    /// Schedules one event at each of `times` in a fresh simulation, then drains it; returns the
    /// number of events handled.
    public static func insertAndDrain(_ times: [SimTime]) throws -> Int {
        var simulation = Simulation(model: CountingModel(), schedules: ScheduleTable([], seed: 0, agents: 0))
        let kind = oneShot   // read once: each read of a `static let` is a `swift_once` check
        for time in times { simulation.schedule(kind, at: time) }
        _ = try simulation.run(until: .infinity)
        return simulation.model.counter
    }
}
