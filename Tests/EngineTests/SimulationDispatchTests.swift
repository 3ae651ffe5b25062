import Engine
import XCTest

/// The allocation-free dispatch path (reused context, inline first request, the hold operation that
/// lets the first request fill the dispatched event's heap slot) must not change what a run does:
/// sequence numbers, order, payloads and value semantics of the context.
final class SimulationDispatchTests: XCTestCase {
    /// Each `observe` of agent a schedules `fanOut` events a, a+1, … with decreasing delays, and
    /// writes one payload field per request; it can also hand a copy of its context to `stash`.
    private struct FanOut: SimulationModel {
        var fanOut: Int
        var log: [(time: SimTime, agent: Int32, sequence: UInt64)] = []
        var stash: EventContext?
        mutating func handle(_ event: Event, context: inout EventContext) throws {
            log.append((event.time, event.agent, event.key.sequence))
            guard event.time < 6 else { return }
            for j in 0..<fanOut {
                context.schedule(.observe, after: Double(fanOut - j) * 0.75, agent: event.agent &+ Int32(j))
                context.note("request\(j)", .int(j))
            }
            if stash == nil {
                var copy = context
                copy.schedule(.observe, after: 0.1, agent: 999)   // a copy must not leak into the run
                copy.note("leak", .bool(true))
                stash = copy
            }
        }
    }

    private func run(fanOut: Int) throws -> (FanOut, [TraceRecord]) {
        var sim = Simulation(model: FanOut(fanOut: fanOut), schedules: ScheduleTable([], seed: 1, agents: 0))
        sim.trace = TraceRecorder()
        sim.schedule(.observe, at: 0, agent: 0)
        sim.schedule(.observe, at: 0.5, agent: 100)
        _ = try sim.run(until: 50)
        return (sim.model, (sim.trace as? TraceRecorder)?.records ?? [])
    }

    func test_requests_getSequenceNumbersInRequestOrder_andPopInKeyOrder() throws {
        for fanOut in [1, 2, 3] {
            let (model, records) = try run(fanOut: fanOut)
            XCTAssertFalse(model.log.contains { $0.agent == 999 }, "fan-out \(fanOut): a copied context leaked a request")
            let keys = model.log.map { ($0.time, $0.sequence) }
            XCTAssertTrue(zip(keys, keys.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) },
                          "fan-out \(fanOut): events out of (time, sequence) order")
            XCTAssertEqual(Set(model.log.map(\.sequence)).count, model.log.count, "fan-out \(fanOut)")
            // Every event before t = 6 scheduled exactly `fanOut` events, numbered in request order.
            let parents = model.log.filter { $0.time < 6 }.count
            XCTAssertEqual(model.log.count, 2 + parents * fanOut, "fan-out \(fanOut)")
            // Payloads belong to their own event only: the reused context starts empty every time.
            for record in records {
                let expected = record.time < 6 ? (0..<fanOut).map { "request\($0)" } : []
                XCTAssertEqual(record.payload.map(\.key), expected, "fan-out \(fanOut) at t = \(record.time)")
            }
        }
    }

    func test_copiedContext_keepsItsOwnRequestsAndFields() throws {
        let (model, _) = try run(fanOut: 2)
        let stash = try XCTUnwrap(model.stash)
        XCTAssertEqual(stash.requests.map(\.agent), [0, 1, 999])
        XCTAssertEqual(stash.payload.map(\.key), ["request0", "request1", "leak"])
    }
}

/// A run whose queue spills into time buckets (40,000 per-agent clocks > the 32,768-event threshold):
/// events still come in key order, and the hold hole works with the buckets.
final class SimulationLargeQueueTests: XCTestCase {
    private struct Log: SimulationModel {
        var keys: [EventKey] = []
        mutating func handle(_ event: Event, context: inout EventContext) throws { keys.append(event.key) }
    }

    func test_perAgentClocks_dispatchInKeyOrder_andRepeat() throws {
        func run() throws -> [EventKey] {
            var sim = Simulation(model: Log(), schedules: ScheduleTable([(.observe, .poisson(rate: 1, perAgent: true))],
                                                                       seed: 4, agents: 40_000))
            _ = try sim.run(until: 2)
            return sim.model.keys
        }
        let keys = try run()
        XCTAssertGreaterThan(keys.count, 70_000)
        XCTAssertTrue(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "events out of key order")
        XCTAssertEqual(try run(), keys)
    }
}
