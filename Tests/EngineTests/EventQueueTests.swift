import Engine
import SimTestSupport
import XCTest

final class EventQueueTests: XCTestCase {
    func test_popNext_ordersByTimeThenPriorityThenSequence() {
        var queue = EventQueue()
        queue.schedule(.policyStep, at: 2)
        queue.schedule(.worldTick, at: 2)
        queue.schedule(.policyStep, at: 1)
        queue.schedule(.globalStep, at: 2)
        queue.schedule(.worldTick, at: 2)
        var popped: [(SimTime, String, UInt64)] = []
        while let event = queue.popNext() { popped.append((event.time, event.kind.name, event.key.sequence)) }
        XCTAssertEqual(popped.map(\.0), [1, 2, 2, 2, 2])
        XCTAssertEqual(popped.map(\.1), ["policyStep", "worldTick", "worldTick", "globalStep", "policyStep"])
        XCTAssertEqual(popped.map(\.2), [2, 1, 4, 3, 0])
    }

    func test_popNext_equalTimeAndPriority_isFIFO() {
        var queue = EventQueue()
        for agent in 0..<50 { queue.schedule(.observe, at: 3, agent: Int32(agent)) }
        var agents: [Int32] = []
        while let event = queue.popNext() { agents.append(event.agent) }
        XCTAssertEqual(agents, Array(0..<50))
    }

    func test_cancel_skipsOnlyTheCancelledEvent() {
        var queue = EventQueue()
        let a = queue.schedule(.observe, at: 1)
        queue.schedule(.observe, at: 2)
        queue.cancel(sequence: a.sequence)
        XCTAssertEqual(queue.popNext()?.time, 2)
        XCTAssertNil(queue.popNext())
    }

    func test_randomInsertions_popSorted_andKeepHeapProperty() {
        withEverySeed(1...20) { seed in
            var queue = EventQueue()
            var cell = RandomStream(seed: seed, .world).generator(agent: 0, step: 0)
            for _ in 0..<500 {
                queue.schedule(EventKind.builtIn[cell.int(below: 6)], at: Double(cell.int(below: 50)))
                XCTAssertTrue(queue.satisfiesHeapProperty, "seed \(seed)")
            }
            var last: EventKey?
            while let event = queue.popNext() {
                if let last { XCTAssertLessThan(last, event.key, "seed \(seed)") }
                last = event.key
            }
        }
    }
}
