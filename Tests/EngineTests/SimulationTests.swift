import Engine
import XCTest

/// Records every event it handles; asks for a follow-up `observe` after each `policyStep` when told to.
private struct Recorder: SimulationModel {
    var log: [(SimTime, String, Int)] = []
    var followUpDelay: SimTime?
    mutating func handle(_ event: Event, context: inout EventContext) throws {
        log.append((event.time, event.kind.name, context.occurrence))
        let occurrence = context.occurrence
        context.note("n", .int(occurrence))
        if let followUpDelay, event.kind == .policyStep { context.schedule(.observe, after: followUpDelay) }
    }
}

final class SimulationTests: XCTestCase {
    private func simulation(_ entries: [(kind: EventKind, schedule: Schedule)], followUp: SimTime? = nil) -> Simulation<Recorder> {
        Simulation(model: Recorder(followUpDelay: followUp), schedules: ScheduleTable(entries, seed: 1, agents: 4))
    }

    func test_runUntil_rejectsTimesNotAfterNow() throws {
        var sim = simulation([(.policyStep, .everyTick)])
        _ = try sim.run(until: 3)
        XCTAssertThrowsError(try sim.run(until: 3)) { error in
            XCTAssertEqual(error as? EngineError, .untilNotAfterNow(until: 3, now: 3))
        }
    }

    func test_runUntil_leavesEventsAtUntilQueued_andResumes() throws {
        var sim = simulation([(.policyStep, .everyTick)])
        XCTAssertEqual(try sim.run(until: 2), .reachedTime)
        XCTAssertEqual(sim.model.log.map(\.0), [0, 1])
        XCTAssertEqual(sim.queue.nextTime, 2)
        _ = try sim.run(until: 4)
        XCTAssertEqual(sim.model.log.map(\.0), [0, 1, 2, 3])
    }

    func test_step_onEmptyQueue_returnsEmpty() throws {
        var sim = simulation([])
        XCTAssertEqual(try sim.step(), .empty)
    }

    func test_withinOneTick_builtInPrioritiesOrderTheKinds() throws {
        var sim = simulation([(.mixtureUpdate, .everyTick), (.policyStep, .everyTick), (.globalStep, .everyTick),
                              (.globalObserve, .everyTick), (.observe, .everyTick), (.worldTick, .everyTick)])
        _ = try sim.run(until: 2)
        let expected = ["worldTick", "observe", "globalObserve", "globalStep", "policyStep", "mixtureUpdate"]
        XCTAssertEqual(sim.model.log.map(\.1), expected + expected)
    }

    func test_everyWithOffset_firesAtOffsetPlusMultiples() throws {
        var sim = simulation([(.globalStep, .every(period: 5, offset: 2))])
        _ = try sim.run(until: 20)
        XCTAssertEqual(sim.model.log.map(\.0), [2, 7, 12, 17])
        XCTAssertEqual(sim.model.log.map(\.2), [0, 1, 2, 3])
    }

    func test_triggeredBy_followsTheTrigger_atTheSameTimeByPriority() throws {
        var sim = simulation([(.globalObserve, .every(period: 3, offset: 0)), (.globalStep, .triggeredBy(.globalObserve, delay: 0.5))])
        _ = try sim.run(until: 7)
        XCTAssertEqual(sim.model.log.map(\.0), [0, 0.5, 3, 3.5, 6, 6.5])
    }

    func test_modelRequests_areScheduledAfterTheDelay() throws {
        var sim = simulation([(.policyStep, .every(period: 10, offset: 0))], followUp: 2.5)
        _ = try sim.run(until: 15)
        XCTAssertEqual(sim.model.log.map(\.1), ["policyStep", "observe", "policyStep", "observe"])
        XCTAssertEqual(sim.model.log.map(\.0), [0, 2.5, 10, 12.5])
    }

    func test_negativeDelay_isAnErrorNamingTheDelay() {
        var sim = simulation([(.policyStep, .everyTick)], followUp: -1)
        XCTAssertThrowsError(try sim.run(until: 2)) { error in
            XCTAssertEqual(error as? EngineError, .negativeDelay(kind: "observe", delay: -1))
        }
    }

    func test_poissonPopulationClock_hasMeanGapOneOverRate() throws {
        var sim = simulation([(.policyStep, .poisson(rate: 4, perAgent: false))])
        _ = try sim.run(until: 5000)
        let rate = Double(sim.model.log.count) / 5000
        // Count of a Poisson(20,000) process: sd ≈ 141, so ±2% is about 2.8 sd.
        XCTAssertEqual(rate, 4, accuracy: 0.08)
    }

    func test_poissonPerAgentClocks_carryTheAgent() throws {
        var sim = Simulation(model: Recorder(), schedules: ScheduleTable([(.observe, .poisson(rate: 1, perAgent: true))], seed: 3, agents: 3))
        var agents = Set<Int32>()
        while case .dispatched(let event) = try sim.step(), sim.dispatched < 60 { agents.insert(event.agent) }
        XCTAssertEqual(agents, [0, 1, 2])
    }

    func test_trace_isInKeyOrder_withKindNames_andOnlyFilteredKinds() throws {
        var sim = simulation([(.policyStep, .everyTick), (.globalStep, .everyTick), (.worldTick, .every(period: 2, offset: 0))])
        sim.trace = TraceRecorder()
        sim.traceFilter = TraceFilter(kinds: ["worldTick", "policyStep"])
        _ = try sim.run(until: 3)
        let records = (sim.trace as? TraceRecorder)?.records ?? []
        XCTAssertEqual(records.map(\.kind), ["worldTick", "policyStep", "policyStep", "worldTick", "policyStep"])
        XCTAssertEqual(records.map(\.time), [0, 0, 1, 2, 2])
        let keys = records.map { EventKey(time: $0.time, priority: EventKind.builtIn(named: $0.kind)!.priority, sequence: $0.sequence) }
        XCTAssertEqual(keys, keys.sorted(), "trace must follow (time, priority, sequence)")
        XCTAssertEqual(records[1].payload.first?.key, "n")
    }
}
