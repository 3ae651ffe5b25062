import XCTest
import SimTestSupport
@testable import Engine

/// The queue against a plain-array oracle (STYLE.md 3–4): every pop returns the minimum
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
