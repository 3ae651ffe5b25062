@testable import Engine
import XCTest

/// The tiers of a large ``EventQueue`` (``EventTiers``) at their default sizes: bulk loading, a hold
/// model past the spill threshold, times that cannot be cut into buckets, and copy-on-write.
final class EventTiersTests: XCTestCase {
    /// 20,000 uniform times loaded before any pop (W2's shape): they wait in the top, are cut into a
    /// rung at the first pop (large enough for the two-level counting sort), and come out sorted.
    func test_bulkLoad_isCutIntoARungAndDrainsSorted() {
        var queue = EventQueue()
        var cell = RandomStream(seed: 4, .data).generator(agent: 0, step: 0)
        var keys = (0..<20_000).map { _ in queue.schedule(.observe, at: cell.uniform() * 1e4) }
        keys += (0..<50).map { _ in queue.schedule(.observe, at: 77) }   // ties in one bucket
        XCTAssertTrue(queue.isSpilled)
        XCTAssertTrue(queue.tiers.pointee.heads.isEmpty, "no rung before the first pop")
        // The heap holds the bound (the earliest of the first 256) and the events loaded later
        // that precede it; once they are popped, the rest is cut into a rung.
        var popped: [EventKey] = []
        while queue.tiers.pointee.heads.isEmpty, let event = queue.popNext() { popped.append(event.key) }
        XCTAssertLessThan(popped.count, 400)
        XCTAssertGreaterThan(queue.tiers.pointee.heads.count, 5_000, "about a bucket per two events")
        while let event = queue.popNext() { popped.append(event.key) }
        XCTAssertEqual(popped, keys.sorted())
        XCTAssertFalse(queue.isSpilled, "a drained queue is a plain heap again")
    }

    /// 3,000 processes, each waking after an exponential delay (W1's shape past the spill threshold),
    /// against a sorted reference for 20,000 wake-ups; its rungs are small, so they are linked in place.
    func test_holdModelPastTheSpillThreshold_popsInKeyOrder() {
        var queue = EventQueue()
        var reference: [EventKey] = []
        let stream = RandomStream(seed: 8, .schedule)
        func insert(_ key: EventKey) {
            var low = 0, high = reference.count
            while low < high { let mid = (low + high) / 2; if reference[mid] < key { low = mid + 1 } else { high = mid } }
            reference.insert(key, at: low)
        }
        for process in 0..<3_000 {
            var cell = stream.generator(agent: process, step: -1)
            insert(queue.schedule(.observe, at: cell.exponential(rate: 1), agent: Int32(process)))
        }
        for step in 0..<20_000 {
            guard let event = queue.popNext() else { return XCTFail("ran dry at step \(step)") }
            XCTAssertEqual(event.key, reference.removeFirst(), "step \(step)")
            var cell = stream.generator(agent: Int(event.agent), step: step)
            insert(queue.schedule(.observe, at: event.time + cell.exponential(rate: 1), agent: event.agent))
        }
        XCTAssertTrue(queue.isSpilled)
        XCTAssertGreaterThan(queue.tiers.pointee.heads.count, 1_000, "the rung should have about a bucket per event")
        XCTAssertLessThan(queue.tiers.pointee.heap.count, 64, "the heap should hold only the front bucket")
    }

    /// Times that span no interval cannot be cut into buckets: the heap takes them back whole and
    /// spills again only once it has doubled, instead of on every event.
    func test_equalTimes_stayInTheHeapAndDoNotRespillOnEveryEvent() {
        var queue = EventQueue(spillThreshold: 64, bucketLoad: 2)
        var keys = (0..<100).map { _ in queue.schedule(.observe, at: 3) }
        XCTAssertTrue(queue.isSpilled)
        XCTAssertEqual(queue.popNext()?.key, keys.removeFirst())
        XCTAssertFalse(queue.isSpilled, "equal times were taken back into the heap")
        XCTAssertEqual(queue.tiers.pointee.spillAt, 2 * 99)
        keys += (0..<50).map { _ in queue.schedule(.observe, at: 3) }
        XCTAssertFalse(queue.isSpilled, "149 events are below the raised threshold")
        var popped: [EventKey] = []
        while let event = queue.popNext() { popped.append(event.key) }
        XCTAssertEqual(popped, keys)
    }

    /// A copy shares the buffers until one side changes; changing the copy leaves the original whole.
    func test_copies_areIndependentValues() {
        var original = EventQueue(spillThreshold: 32, bucketLoad: 1)
        var cell = RandomStream(seed: 5, .data).generator(agent: 0, step: 0)
        let keys = (0..<500).map { _ in original.schedule(.observe, at: Double(cell.int(below: 1_000))) }
        _ = original.popNext()   // cuts a rung, so every buffer is in use
        var copy = original
        XCTAssertTrue(copy.store === original.store)
        copy.schedule(.observe, at: -1)
        XCTAssertFalse(copy.store === original.store, "the first change copies")
        while copy.popNext() != nil {}
        XCTAssertEqual(original.count, 499)
        var popped: [EventKey] = []
        while let event = original.popNext() { popped.append(event.key) }
        XCTAssertEqual(popped, Array(keys.sorted().dropFirst()))
    }
}
