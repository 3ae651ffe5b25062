import XCTest
import SimTestSupport
@testable import Engine

/// The queue against a plain-array oracle: every pop returns the minimum
/// `(time, priority, sequence)` of what is queued at that moment, whatever the heap's arity or
/// layout, with inserts and pops interleaved.
final class EventQueueOracleTests: XCTestCase {
    func test_popNext_alwaysReturnsTheMinimumQueuedKey_seedSweep() {
        withEverySeed(1...20) { seed in
            let stream = RandomStream(seed: seed, .data)
            var queue = EventQueue()
            var reference: [EventKey] = []
            // Interleave inserts and pops, with many equal times, so every sift path and tie is exercised;
            // the oracle is the minimum of a plain array of the queued keys.
            for round in 0..<400 {
                var cell = stream.generator(agent: 0, step: round)
                for _ in 0..<(1 + cell.int(below: 6)) {
                    let kind = EventKind.builtIn[cell.int(below: EventKind.builtIn.count)]
                    reference.append(queue.schedule(kind, at: Double(cell.int(below: 30)), agent: Int32(round)))
                }
                for _ in 0..<cell.int(below: 6) {
                    guard let event = queue.popNext() else { break }
                    let expected = reference.min()!
                    XCTAssertEqual(event.key, expected, "seed \(seed), round \(round)")
                    reference.removeAll { $0 == event.key }
                    XCTAssertTrue(queue.satisfiesHeapProperty, "seed \(seed), round \(round)")
                }
            }
            for key in reference.sorted() { XCTAssertEqual(queue.popNext()?.key, key, "seed \(seed), drain") }
            XCTAssertNil(queue.popNext(), "seed \(seed)")
        }
    }

    func test_removeAll_keepsSequenceRunning() {
        var queue = EventQueue()
        queue.schedule(.observe, at: 1)
        queue.removeAll()
        XCTAssertNil(queue.nextTime)
        XCTAssertEqual(queue.schedule(.observe, at: 1).sequence, 1)
    }
}

/// The queue stores times as order-preserving integers; odd times must keep their order and values.
final class EventQueueTimeKeyTests: XCTestCase {
    func test_specialTimes_popInOrder_withExactValues() {
        let times: [SimTime] = [3, -0.0, 0, -1e300, .infinity, -.infinity, 0x1p-1030, -0x1p-1030, 2.5, .greatestFiniteMagnitude,
                                -.greatestFiniteMagnitude, 0x1p-1074, -0x1p-1074, 7, 3]
        var queue = EventQueue()
        for (i, time) in times.enumerated() { queue.schedule(.observe, at: time, agent: Int32(i)) }
        var popped: [(SimTime, Int32)] = []
        while let event = queue.popNext() { popped.append((event.time, event.agent)) }
        // Sorted by time, equal times (the two zeros, the two 3s) in insertion order.
        let expected = times.enumerated().sorted { $0.element != $1.element ? $0.element < $1.element : $0.offset < $1.offset }
        XCTAssertEqual(popped.map(\.1), expected.map { Int32($0.offset) })
        XCTAssertEqual(popped.map(\.0), expected.map(\.element))
        XCTAssertFalse(popped.contains { $0.0 == 0 && $0.0.sign == .minus }, "-0 is stored as +0")
    }
}

/// Large queues spill into time buckets (``EventTiers``); tiny thresholds make small tests cross every
/// path: spill, cutting a rung, refill, the top, re-spilling, cancellation and the hold hole.
final class EventQueueBucketTests: XCTestCase {
    func test_spilledQueue_alwaysPopsTheMinimumQueuedKey_seedSweep() {
        withEverySeed(1...60) { seed in
            let stream = RandomStream(seed: seed, .data)
            var queue = EventQueue(spillThreshold: 8 + Int(seed % 5) * 8, bucketLoad: 0.5 * Double(1 + seed % 4))
            var reference: [EventKey] = []
            var now = 0.0
            var spilled = 0
            for round in 0..<300 {
                if queue.isSpilled { spilled += 1 }
                var cell = stream.generator(agent: 1, step: round)
                for _ in 0..<(1 + cell.int(below: 8)) {
                    // Mostly later than the last pop (as a simulation schedules), some ties, rare extremes.
                    let roll = cell.int(below: 20)
                    let time: SimTime = roll == 0 ? .infinity : roll == 1 ? now : roll == 2 ? -5 : now + Double(cell.int(below: 40)) * 0.5
                    let kind = EventKind.builtIn[cell.int(below: EventKind.builtIn.count)]
                    reference.append(queue.schedule(kind, at: time, agent: Int32(round)))
                }
                if cell.int(below: 4) == 0, let victim = reference.randomElementBySeed(&cell) {
                    XCTAssertTrue(queue.cancel(sequence: victim.sequence))
                    reference.removeAll { $0 == victim }
                }
                XCTAssertEqual(queue.count >= reference.count, true, "seed \(seed), round \(round)")
                XCTAssertEqual(queue.nextTime, reference.min()?.time, "seed \(seed), round \(round): nextTime")
                for _ in 0..<cell.int(below: 9) {
                    guard let event = queue.popNext() else { break }
                    XCTAssertEqual(event.key, reference.min(), "seed \(seed), round \(round)")
                    reference.removeAll { $0 == event.key }
                    if event.time.isFinite && event.time > now { now = event.time }
                }
            }
            for key in reference.sorted() { XCTAssertEqual(queue.popNext()?.key, key, "seed \(seed), drain") }
            XCTAssertNil(queue.popNext(), "seed \(seed)")
            XCTAssertEqual(queue.count, 0, "seed \(seed)")
            XCTAssertGreaterThan(spilled, 10, "seed \(seed): the buckets were hardly used")
        }
    }

    func test_bulkInsertThenDrain_isSorted() {
        var queue = EventQueue(spillThreshold: 64, bucketLoad: 16)
        var cell = RandomStream(seed: 9, .data).generator(agent: 0, step: 0)
        var keys: [EventKey] = []
        for _ in 0..<5_000 { keys.append(queue.schedule(.observe, at: Double(cell.int(below: 2_000)) * 0.25)) }
        var popped: [EventKey] = []
        while let event = queue.popNext() {
            popped.append(event.key)
            if popped.count % 7 == 0 && popped.count < 4_000 {   // keep scheduling while draining
                keys.append(queue.schedule(.observe, at: event.time + Double(cell.int(below: 300))))
            }
        }
        XCTAssertEqual(popped, keys.sorted())
    }
}

private extension Array {
    func randomElementBySeed(_ cell: inout CounterRandom) -> Element? {
        isEmpty ? nil : self[cell.int(below: count)]
    }
}

/// Checkpoints of a queue that has spilled into time buckets restore to a queue that pops the same
/// events in the same order (the bucket layout itself is rebuilt, not saved).
final class EventQueueBucketCheckpointTests: XCTestCase {
    func test_spilledQueue_roundTripsThroughACheckpoint() throws {
        var queue = EventQueue()
        var cell = RandomStream(seed: 21, .data).generator(agent: 0, step: 0)
        for i in 0..<40_000 { queue.schedule(.observe, at: Double(cell.int(below: 5_000)) * 0.5, agent: Int32(i)) }
        for _ in 0..<1_000 { _ = queue.popNext() }
        queue.cancel(sequence: 39_999)
        XCTAssertTrue(queue.isSpilled, "the queue should have spilled")
        var writer = StateWriter()
        writer.write(queue)
        var reader = StateReader(writer.bytes)
        var restored = EventQueue()
        try reader.read(into: &restored)
        XCTAssertEqual(restored.count, queue.count)
        XCTAssertEqual(restored.nextSequence, queue.nextSequence)
        // Compared as whole arrays: one assertion per event took seconds in a debug build.
        var original: [EventKey] = [], roundTripped: [EventKey] = []
        while let event = queue.popNext() { original.append(event.key) }
        while let event = restored.popNext() { roundTripped.append(event.key) }
        XCTAssertEqual(roundTripped, original)
    }
}
