import Engine
import XCTest

/// Event-kind ids belong to a run: two runs in one process that give the same id to different kinds
/// (as two scenarios with different custom kinds do) each dispatch, order and count their own kinds,
/// and a checkpoint of one does not restore into the other.
final class EventKindScopeTests: XCTestCase {
    private struct Logger: SimulationModel {
        var log: [String] = []
        mutating func handle(_ event: Event, context: inout EventContext) throws {
            log.append("\(event.kind.name)@\(Int(event.time))#\(context.occurrence)")
        }
    }

    private static func run(_ kind: EventKind) -> Simulation<Logger> {
        Simulation(model: Logger(), schedules: ScheduleTable([(kind, .every(period: 1, offset: 0)), (.worldTick, .every(period: 2, offset: 0))],
                                                             seed: 1, agents: 1))
    }

    func test_twoRunsGivingOneIdToDifferentKinds_eachSeeTheirOwn() throws {
        let alpha = EventKind.custom("alpha", index: 0, priority: 70), beta = EventKind.custom("beta", index: 0, priority: -5)
        XCTAssertEqual(alpha.id, beta.id, "the same id in both runs")
        var a = Self.run(alpha), b = Self.run(beta)
        for t in 1...3 {
            _ = try a.run(until: SimTime(t))
            _ = try b.run(until: SimTime(t))
        }
        // alpha (priority 70) runs after worldTick (0), beta (−5) before it.
        XCTAssertEqual(a.model.log, ["worldTick@0#0", "alpha@0#0", "alpha@1#1", "worldTick@2#1", "alpha@2#2"])
        XCTAssertEqual(b.model.log, ["beta@0#0", "worldTick@0#0", "beta@1#1", "beta@2#2", "worldTick@2#1"])
        XCTAssertEqual(a.queue.events.map(\.kind.name).sorted(), ["alpha", "worldTick"])
        XCTAssertEqual(b.queue.events.map { "\($0.kind.name):\($0.key.priority)" }.sorted(), ["beta:-5", "worldTick:0"])

        var writer = StateWriter()
        a.saveEngineState(into: &writer)
        var reader = StateReader(writer.bytes)
        var other = Self.run(beta)
        XCTAssertThrowsError(try other.restoreEngineState(from: &reader), "alpha's queue restored into beta's run") { error in
            XCTAssertTrue("\(error)".contains("alpha"), "\(error)")
        }
    }
}
