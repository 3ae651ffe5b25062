@testable import Engine
import SimTestSupport
import XCTest

/// Model check of the run loop: random sequences of schedule / cancel / step /
/// run(until:) on a ``Simulation`` against a reference loop over a sorted array. Models react to events
/// by asking for follow-ups, and the schedule table adds periodic and triggered events, so the check
/// covers everything that feeds the queue. The dispatch logs must agree event for event; the seed is in
/// every failure message.
final class SimulationModelCheckTests: XCTestCase {
    func test_randomDrivers_matchReferenceLoop() {
        var spilled = 0
        withEverySeed(1...2_000) { seed in if check(seed: seed, operations: 60) { spilled += 1 } }
        XCTAssertGreaterThan(spilled, 100, "too few runs reached the queue's time buckets")
    }

    /// Records every dispatch and asks for follow-ups decided by the event's sequence number.
    struct Recorder: SimulationModel {
        var log: [Event] = []
        mutating func handle(_ event: Event, context: inout EventContext) throws {
            log.append(event)
            for (kind, delay) in Self.followUps(of: event) { context.schedule(kind, after: delay, agent: event.agent) }
        }

        /// Deterministic follow-ups: some events spawn one or two more (delay 0 included).
        static func followUps(of event: Event) -> [(EventKind, SimTime)] {
            guard event.kind != .mixtureUpdate else { return [] }  // keeps the population of events finite
            switch event.key.sequence % 5 {
            case 0: return [(.mixtureUpdate, 0)]
            case 1: return [(.observe, 1.5), (.mixtureUpdate, 0.25)]
            default: return []
            }
        }
    }

    static let table: [(kind: EventKind, schedule: Schedule)] = [
        (.worldTick, .every(period: 3, offset: 1)),
        (.globalObserve, .triggeredBy(.worldTick, delay: 0)),
        (.globalStep, .triggeredBy(.globalObserve, delay: 0.5)),
    ]

    /// The reference loop: the same semantics written as plainly as possible.
    struct ReferenceLoop {
        var live: [Event] = []
        var sequence: UInt64 = 0
        var now: SimTime = 0
        var log: [Event] = []
        var periodicIndex = 1

        init() { schedule(.worldTick, at: 1, agent: -1) }

        @discardableResult
        mutating func schedule(_ kind: EventKind, at time: SimTime, agent: Int32) -> EventKey {
            let key = EventKey(time: time, priority: kind.priority, sequence: sequence)
            sequence += 1
            let index = live.firstIndex { key < $0.key } ?? live.count
            live.insert(Event(key: key, kind: kind, agent: agent), at: index)
            return key
        }

        mutating func cancel(_ s: UInt64) -> Bool {
            guard s < sequence else { return false }
            live.removeAll { $0.key.sequence == s }
            return true
        }

        mutating func step() -> Event? {
            guard !live.isEmpty else { return nil }
            let event = live.removeFirst()
            now = event.time
            log.append(event)
            for (kind, delay) in Recorder.followUps(of: event) { schedule(kind, at: now + delay, agent: event.agent) }
            switch event.kind {
            case .worldTick:
                schedule(.worldTick, at: 1 + 3 * Double(periodicIndex), agent: -1)
                periodicIndex += 1
                schedule(.globalObserve, at: event.time, agent: event.agent)
            case .globalObserve:
                schedule(.globalStep, at: event.time + 0.5, agent: event.agent)
            default:
                break
            }
            return event
        }

        /// nil when `until <= now` (the real loop throws).
        mutating func run(until: SimTime) -> Bool? {
            guard until > now else { return nil }
            while let next = live.first, next.time < until { _ = step() }
            now = until
            return true
        }
    }

    /// Returns whether the queue spilled into time buckets at some point.
    @discardableResult
    func check(seed: UInt64, operations: Int) -> Bool {
        var spilled = false
        var random = TestRandom(seed: seed)
        var simulation = Simulation(model: Recorder(), schedules: ScheduleTable(Self.table, seed: seed, agents: 4))
        if seed % 2 == 1 {
            // Odd seeds run on a queue that spills early, so the run loop's hold operation meets the
            // time buckets too. The seeded events are re-filed in sequence order (same sequence numbers).
            var small = EventQueue(spillThreshold: 4 + Int(seed % 5) * 2, bucketLoad: Double(1 + seed % 3) / 2)
            for event in simulation.queue.events.sorted(by: { $0.key.sequence < $1.key.sequence }) {
                small.schedule(event.kind, at: event.time, priority: event.key.priority, agent: event.agent, generation: event.generation)
            }
            simulation._queue = small
        }
        var reference = ReferenceLoop()
        for operation in 0..<operations {
            let place = "seed \(seed), operation \(operation)"
            switch random.int(below: 8) {
            case 0, 1:
                let time = simulation.now + Double(random.int(below: 8)) / 2
                let kind = random.pick([EventKind.observe, .policyStep, .mixtureUpdate, .worldTick])
                let agent = Int32(random.int(in: -1...3))
                XCTAssertEqual(simulation.schedule(kind, at: time, agent: agent),
                               reference.schedule(kind, at: time, agent: agent), "schedule: \(place)")
            case 2:
                let s = UInt64(random.int(below: Int(reference.sequence) + 3))
                XCTAssertEqual(simulation.cancel(sequence: s), reference.cancel(s), "cancel(\(s)): \(place)")
            case 3, 4:
                let result = try? simulation.step()
                let expected = reference.step()
                XCTAssertEqual(result, expected.map { .dispatched($0) } ?? .empty, "step: \(place)")
            default:
                let until = simulation.now + Double(random.int(in: -1...10)) / 2
                let expected = reference.run(until: until)
                do {
                    _ = try simulation.run(until: until)
                    XCTAssertNotNil(expected, "run(until: \(until)) should have thrown at now \(reference.now): \(place)")
                } catch let error as EngineError {
                    XCTAssertNil(expected, "run(until: \(until)) threw \(error): \(place)")
                    XCTAssertEqual(error, .untilNotAfterNow(until: until, now: simulation.now), place)
                } catch {
                    XCTFail("unexpected \(error): \(place)")
                }
            }
            XCTAssertEqual(simulation.now, reference.now, "now: \(place)")
            XCTAssertEqual(simulation.queue.nextTime, reference.live.first?.time, "nextTime: \(place)")
            XCTAssertEqual(simulation.model.log.count, reference.log.count, "dispatch count: \(place)")
            spilled = spilled || simulation.queue.isSpilled
            if simulation.model.log != reference.log {
                XCTFail("dispatch logs differ: \(place)")
                return spilled
            }
            // No event ever runs at or after a `run(until:)` bound, nor before the clock.
            if let last = simulation.model.log.last { XCTAssertLessThanOrEqual(last.time, simulation.now, place) }
        }
        return spilled
    }

    func test_runUntil_withCancelledEarlierEvent_doesNotDispatchPastUntil() throws {
        // The head of the queue is cancelled and the next live event lies after `until`: the loop
        // must stop at `until`, not dispatch the later event and then move the clock back.
        var simulation = Simulation(model: Recorder(), schedules: ScheduleTable([], seed: 1, agents: 1))
        let early = simulation.schedule(.observe, at: 1)
        simulation.schedule(.policyStep, at: 10)
        simulation.cancel(sequence: early.sequence)
        XCTAssertEqual(try simulation.run(until: 5), .reachedTime)
        XCTAssertEqual(simulation.model.log, [], "nothing is due before 5")
        XCTAssertEqual(simulation.now, 5)
    }
}
