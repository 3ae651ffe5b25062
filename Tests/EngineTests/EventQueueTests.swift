import XCTest
import SimTestSupport
@testable import Engine

/// The queue's contract (STYLE.md 3–4): pop order is `(time, priority, sequence)` whatever the heap's
/// internal layout, so any heap shape must reproduce a plain sort of the keys.
final class EventQueueTests: XCTestCase {
    func test_popNext_equalTime_isFIFO() {
        var queue = EventQueue()
        for agent in 0..<20 { queue.schedule(.observe, at: 3, agent: Int32(agent)) }
        var popped: [Int32] = []
        while let event = queue.popNext() { popped.append(event.agent) }
        XCTAssertEqual(popped, (0..<20).map(Int32.init))
    }

    func test_popNext_equalTime_ordersByPriority() {
        var queue = EventQueue()
        for kind in EventKind.builtIn.reversed() { queue.schedule(kind, at: 1) }
        queue.schedule(.worldTick, at: 0.5)
        var popped: [String] = []
        while let event = queue.popNext() { popped.append("\(event.time) \(event.kind.name)") }
        XCTAssertEqual(popped, ["0.5 worldTick"] + EventKind.builtIn.map { "1.0 \($0.name)" })
    }

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

    func test_cancel_skipsOnlyThatEvent() {
        var queue = EventQueue()
        let keep = queue.schedule(.observe, at: 1, agent: 1)
        let drop = queue.schedule(.observe, at: 1, agent: 2)
        queue.schedule(.observe, at: 2, agent: 3)
        queue.cancel(sequence: drop.sequence)
        XCTAssertEqual(queue.popNext()?.key, keep)
        XCTAssertEqual(queue.popNext()?.agent, 3)
        XCTAssertNil(queue.popNext())
    }

    func test_removeAll_keepsSequenceRunning() {
        var queue = EventQueue()
        queue.schedule(.observe, at: 1)
        queue.removeAll()
        XCTAssertNil(queue.nextTime)
        XCTAssertEqual(queue.schedule(.observe, at: 1).sequence, 1)
    }
}
