@testable import Engine
import SimTestSupport
import XCTest

/// Model check of ``EventQueue``: random sequences of schedule / cancel / pop /
/// peek run against a sorted-array reference, which must pop the same events in the same order. Every
/// failure names its seed and step; rerun one seed with `checkQueue(seed:)`.
///
/// Times come from a small grid so that equal times and equal priorities are common: ties are exactly
/// where a heap gets the order wrong.
final class EventQueueModelCheckTests: XCTestCase {
    static let seeds: ClosedRange<UInt64> = 1...2_000

    func test_randomOperations_matchSortedArrayReference() {
        withEverySeed(Self.seeds) { seed in checkQueue(seed: seed, steps: 120) }
    }

    func test_longSequences_matchSortedArrayReference() {
        withEverySeed(1...20) { seed in checkQueue(seed: seed &+ 1_000_000, steps: 5_000) }
    }

    /// The reference: live events kept sorted by key; popping takes the first.
    struct Reference {
        var live: [Event] = []
        var nextSequence: UInt64 = 0
        var issued: [UInt64] = []

        mutating func schedule(_ kind: EventKind, at time: SimTime, priority: Int32, agent: Int32) -> EventKey {
            let key = EventKey(time: time, priority: priority, sequence: nextSequence)
            nextSequence += 1
            issued.append(key.sequence)
            let index = live.firstIndex { key < $0.key } ?? live.count
            live.insert(Event(key: key, kind: kind, agent: agent), at: index)
            return key
        }

        mutating func cancel(_ sequence: UInt64) -> Bool {
            guard sequence < nextSequence else { return false }
            live.removeAll { $0.key.sequence == sequence }
            return true
        }

        mutating func pop() -> Event? { live.isEmpty ? nil : live.removeFirst() }
    }

    static let kinds = EventKind.builtIn + [.custom("arrival", index: 0, priority: 45)]
    static let priorities: [Int32?] = [nil, nil, nil, 0, 10, 45, EventKey.urgent, Int32.max, -7]

    func checkQueue(seed: UInt64, steps: Int, file: StaticString = #filePath, line: UInt = #line) {
        var random = TestRandom(seed: seed)
        // Odd seeds use tiny spill thresholds, so the time buckets (EventTiers) are checked too.
        var queue = seed % 2 == 0 ? EventQueue() : EventQueue(spillThreshold: 4 + Int(seed % 7) * 4, bucketLoad: Double(1 + seed % 5) / 2)
        var reference = Reference()
        for step in 0..<steps {
            let where_ = "seed \(seed), step \(step)"
            switch random.int(below: 10) {
            case 0...3:
                let kind = random.pick(Self.kinds)
                let time = Self.time(&random)
                let priority = random.pick(Self.priorities)
                let agent = Int32(random.int(in: -1...5))
                let key = queue.schedule(kind, at: time, priority: priority, agent: agent)
                let expected = reference.schedule(kind, at: time, priority: priority ?? kind.priority, agent: agent)
                XCTAssertEqual(key, expected, "schedule: \(where_)", file: file, line: line)
            case 4, 5:
                // Live, already popped, already cancelled, or never issued.
                let sequence = reference.issued.isEmpty || random.chance(0.15)
                    ? reference.nextSequence + UInt64(random.int(below: 3))
                    : random.pick(reference.issued)
                XCTAssertEqual(queue.cancel(sequence: sequence), reference.cancel(sequence),
                               "cancel(\(sequence)): \(where_)", file: file, line: line)
            case 6, 7, 8:
                let popped = queue.popNext(), expected = reference.pop()
                XCTAssertEqual(popped, expected, "popNext: \(where_)", file: file, line: line)
            default:
                if !reference.live.isEmpty {
                    XCTAssertEqual(queue.removeNext(), reference.pop(), "removeNext: \(where_)", file: file, line: line)
                }
            }
            XCTAssertEqual(queue.nextTime, reference.live.first?.time, "nextTime: \(where_)", file: file, line: line)
            XCTAssertEqual(queue.peek, reference.live.first, "peek: \(where_)", file: file, line: line)
            XCTAssertEqual(queue.nextSequence, reference.nextSequence, "nextSequence: \(where_)", file: file, line: line)
            XCTAssertTrue(queue.satisfiesHeapProperty, "heap property: \(where_)", file: file, line: line)
            XCTAssertEqual(queue.count >= reference.live.count, true, "count below the live events: \(where_)", file: file, line: line)
            if queue.nextTime != reference.live.first?.time { return }  // one report per seed
        }
        // Drain: the rest must come out in reference order too.
        while let expected = reference.pop() {
            XCTAssertEqual(queue.popNext(), expected, "drain: seed \(seed)", file: file, line: line)
        }
        XCTAssertNil(queue.popNext(), "drain left events: seed \(seed)", file: file, line: line)
        XCTAssertTrue(queue.isEmpty, "drain: seed \(seed)", file: file, line: line)
    }

    /// A time on a coarse grid (many ties), sometimes fractional, sometimes far away.
    static func time(_ random: inout TestRandom) -> SimTime {
        switch random.int(below: 8) {
        case 0: return Double(random.int(below: 1_000)) / 7
        case 1: return 1e12 + Double(random.int(below: 3))
        default: return Double(random.int(below: 6))
        }
    }

    // MARK: - Small cases, exhaustively

    func test_cancelledTop_isNeverReportedByNextTime() {
        var queue = EventQueue()
        let early = queue.schedule(.observe, at: 1)
        queue.schedule(.observe, at: 5)
        XCTAssertTrue(queue.cancel(sequence: early.sequence))
        XCTAssertEqual(queue.nextTime, 5, "a cancelled top must not hide the next live time")
        XCTAssertEqual(queue.count, 1)
    }

    func test_cancel_unissuedSequence_isRefusedAndLaterEventSurvives() {
        var queue = EventQueue()
        XCTAssertFalse(queue.cancel(sequence: 0), "sequence 0 has not been issued yet")
        let key = queue.schedule(.observe, at: 1)
        XCTAssertEqual(key.sequence, 0)
        XCTAssertEqual(queue.popNext()?.key, key)
    }

    func test_cancel_afterPop_isHarmlessAndForgottenWhenEmpty() {
        var queue = EventQueue()
        let first = queue.schedule(.observe, at: 1)
        queue.schedule(.observe, at: 2)
        XCTAssertEqual(queue.popNext()?.key, first)
        XCTAssertTrue(queue.cancel(sequence: first.sequence))
        XCTAssertEqual(queue.nextTime, 2)
        XCTAssertNotNil(queue.popNext())
        XCTAssertTrue(queue.isEmpty)
    }

    func test_allOrdersOfFourEqualTimes_popInSequenceOrder() {
        // Every permutation of priorities over four events at one time: pops follow (priority, sequence).
        let priorities: [Int32] = [3, 1, 3, 2]
        for permutation in Self.permutations(of: Array(priorities.indices)) {
            var queue = EventQueue()
            var keys: [EventKey] = []
            for i in permutation { keys.append(queue.schedule(.observe, at: 4, priority: priorities[i])) }
            var popped: [EventKey] = []
            while let event = queue.popNext() { popped.append(event.key) }
            XCTAssertEqual(popped, keys.sorted(), "permutation \(permutation)")
        }
    }

    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(of: rest).map { [head] + $0 }
        }
    }
}

/// Found by the model check once it ran with small spill thresholds (then `EventQueue+Buckets`).
final class EventQueueSpillRegressionTests: XCTestCase {
    /// A spilled queue drained to its last bucket filed a new far-future event in the overflow behind
    /// an empty heap: `nextTime` was nil and the event was never popped.
    func test_drainedSpilledQueue_stillPopsAFarFutureEvent() {
        var queue = EventQueue(spillThreshold: 4, bucketLoad: 1)
        for t in [0.0, 1, 2, 3, 100] { queue.schedule(.observe, at: t) }
        while queue.popNext() != nil {}
        let key = queue.schedule(.observe, at: 1e12)
        XCTAssertEqual(queue.nextTime, 1e12)
        XCTAssertEqual(queue.popNext()?.key, key)
        XCTAssertTrue(queue.isEmpty)
    }
}
