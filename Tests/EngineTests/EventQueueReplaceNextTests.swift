@testable import Engine
import SimTestSupport
import XCTest

/// ``EventQueue/replaceNext(with:at:priority:agent:generation:)``, the hold, against a sorted-array
/// reference that pops and then pushes: random keys (many ties), interleaved with schedules,
/// cancellations and plain pops, at default and tiny spill thresholds so that the new event is
/// sometimes filed in a bucket or the top instead of taking the root's slot. A second queue doing
/// `removeNext()` then `schedule` must agree too. Every failure names its seed and step.
final class EventQueueReplaceNextTests: XCTestCase {
    typealias Reference = EventQueueModelCheckTests.Reference

    func test_replaceNext_matchesPopThenPushOnASortedArray() {
        withEverySeed(1...150) { seed in check(seed: seed, steps: 200) }
    }

    func test_holdModel_pastTheSpillThreshold_matchesTheReference() {
        withEverySeed(1...3) { seed in check(seed: seed &+ 50_000, steps: 1_500, holdOnly: true) }
    }

    func check(seed: UInt64, steps: Int, holdOnly: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        var random = TestRandom(seed: seed)
        let small = seed % 3 != 0
        let threshold = small ? 4 + Int(seed % 5) * 4 : 256, load = Double(1 + seed % 4) / 2
        var queue = EventQueue(spillThreshold: threshold, bucketLoad: load)
        var popThenPush = EventQueue(spillThreshold: threshold, bucketLoad: load)
        var reference = Reference()
        var now: SimTime = 0
        // A hold model starts with a population of processes.
        for _ in 0..<(holdOnly ? 600 : random.int(below: 40)) {
            let time = Self.time(&random, after: 0), kind = random.pick(EventQueueModelCheckTests.kinds)
            queue.schedule(kind, at: time)
            popThenPush.schedule(kind, at: time)
            _ = reference.schedule(kind, at: time, priority: kind.priority, agent: Event.population)
        }
        for step in 0..<steps {
            let where_ = "seed \(seed), step \(step)"
            let roll = holdOnly ? 9 : random.int(below: 12)
            switch roll {
            case 0...2:
                let kind = random.pick(EventQueueModelCheckTests.kinds), time = Self.time(&random, after: now)
                queue.schedule(kind, at: time, agent: 3)
                popThenPush.schedule(kind, at: time, agent: 3)
                _ = reference.schedule(kind, at: time, priority: kind.priority, agent: 3)
            case 3:
                let sequence = reference.issued.isEmpty ? 0 : random.pick(reference.issued)
                XCTAssertEqual(queue.cancel(sequence: sequence), reference.cancel(sequence), "cancel: \(where_)", file: file, line: line)
                popThenPush.cancel(sequence: sequence)
            case 4:
                let expected = reference.pop()
                XCTAssertEqual(queue.popNext(), expected, "popNext: \(where_)", file: file, line: line)
                XCTAssertEqual(popThenPush.popNext(), expected, "popNext (pop then push): \(where_)", file: file, line: line)
            default:
                guard !reference.live.isEmpty else { continue }
                // A new kind now and then: its first use takes the path that registers it.
                let kind = random.chance(0.02) ? EventKind.custom("late\(step)", index: 1 + step, priority: 5)
                    : random.pick(EventQueueModelCheckTests.kinds)
                let priority: Int32? = random.chance(0.2) ? Int32(random.int(in: -3...60)) : nil
                let agent = Int32(random.int(in: -1...9)), generation = UInt32(random.int(below: 3))
                let expectedEvent = reference.pop()!
                now = max(now, expectedEvent.time.isFinite ? expectedEvent.time : now)
                let time = Self.time(&random, after: now)
                let expectedKey = reference.schedule(kind, at: time, priority: priority ?? kind.priority, agent: agent)
                let (popped, scheduled) = queue.replaceNext(with: kind, at: time, priority: priority, agent: agent, generation: generation)
                XCTAssertEqual(popped, expectedEvent, "replaceNext popped: \(where_)", file: file, line: line)
                XCTAssertEqual(scheduled, expectedKey, "replaceNext key: \(where_)", file: file, line: line)
                XCTAssertEqual(popThenPush.removeNext(), expectedEvent, "removeNext: \(where_)", file: file, line: line)
                popThenPush.schedule(kind, at: time, priority: priority, agent: agent, generation: generation)
                reference.live[reference.live.firstIndex { $0.key == expectedKey }!].generation = generation
            }
            XCTAssertEqual(queue.peek, reference.live.first, "peek: \(where_)", file: file, line: line)
            XCTAssertEqual(popThenPush.peek, reference.live.first, "peek (pop then push): \(where_)", file: file, line: line)
            XCTAssertEqual(queue.nextSequence, reference.nextSequence, "nextSequence: \(where_)", file: file, line: line)
            XCTAssertTrue(queue.satisfiesHeapProperty, "heap property: \(where_)", file: file, line: line)
            if queue.peek != reference.live.first { return }   // one report per seed
        }
        XCTAssertEqual(queue.count, popThenPush.count, "count: seed \(seed)", file: file, line: line)
        var drained: [Event] = [], expected: [Event] = []
        while let event = queue.popNext() { drained.append(event) }
        while let event = reference.pop() { expected.append(event) }
        XCTAssertEqual(drained, expected, "drain: seed \(seed)", file: file, line: line)
    }

    /// Mostly later than `now` (as a simulation schedules), on a coarse grid (ties), sometimes equal to
    /// `now`, rarely infinite.
    static func time(_ random: inout TestRandom, after now: SimTime) -> SimTime {
        switch random.int(below: 20) {
        case 0: return .infinity
        case 1, 2: return now
        case 3: return now + Double(random.int(below: 1_000)) / 7
        default: return now + Double(random.int(below: 12)) * 0.5
        }
    }

    func test_replaceNext_ofTheOnlyEvent_leavesJustItsSuccessor() {
        var queue = EventQueue()
        let first = queue.schedule(.observe, at: 1)
        let (popped, scheduled) = queue.replaceNext(with: .observe, at: 1)
        XCTAssertEqual(popped.key, first)
        XCTAssertEqual(scheduled.sequence, 1)
        XCTAssertEqual(queue.count, 1)
        XCTAssertEqual(queue.peek?.key, scheduled)
    }
}
