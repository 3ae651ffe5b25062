@testable import Engine
import XCTest

/// The memory under the event queue: ``RawArray`` buffers own their memory and free it when they
/// die, and a queue's ``EventQueue/Store`` frees its tiers. ``LiveBuffers`` counts buffers in debug
/// builds (the tests' build), so a leak shows as a count that does not come back.
final class RawArrayTests: XCTestCase {
    func test_appendGrowCopyAndRemove() {
        var array = RawArray<Int32>()
        for i in 0..<100_000 { array.append(Int32(i)) }
        XCTAssertEqual(array.count, 100_000)
        XCTAssertGreaterThanOrEqual(array.capacity, 100_000)
        let copy = array.copy()
        array[5] = -1
        XCTAssertEqual(copy[5], 5, "a copy has memory of its own")
        XCTAssertEqual(array.removeLast(), 99_999)
        XCTAssertEqual(Array(copy.elements.prefix(3)), [0, 1, 2])
        array.resize(10)
        XCTAssertEqual(Array(array.elements), [0, 1, 2, 3, 4, -1, 6, 7, 8, 9])
    }

    /// Every buffer allocated is freed when its array dies, whether it was grown, copied, swapped or
    /// never allocated at all.
    func test_buffersAreFreedWhenTheirArraysDie() {
        let before = LiveBuffers.count
        do {
            var grown = RawArray<Int32>()
            for i in 0..<10_000 { grown.append(Int32(i)) }
            let copy = grown.copy()
            var other = RawArray<Int32>()
            other.append(1)
            swap(&grown, &other)
            let empty = RawArray<UInt64>()
            XCTAssertEqual(LiveBuffers.count, before + 3, "three buffers are allocated, the empty array has none")
            XCTAssertEqual(copy.count + grown.count + other.count + empty.count, 20_001)
        }
        XCTAssertEqual(LiveBuffers.count, before, "every buffer is freed")
    }

    /// A queue driven through every path that allocates — spilling, cutting rungs large and small,
    /// refilling, copy-on-write, removeAll, a checkpoint round trip — frees every buffer once the
    /// queues are gone, and its store dies with it.
    func test_eventQueues_freeEveryBufferAndTheirStores() throws {
        let before = LiveBuffers.count
        weak var store: EventQueue.Store?
        weak var copiedStore: EventQueue.Store?
        var peak = before
        try {
            var queue = EventQueue(spillThreshold: 16, bucketLoad: 1)
            var cell = RandomStream(seed: 3, .data).generator(agent: 0, step: 0)
            for _ in 0..<3_000 { queue.schedule(.observe, at: Double(cell.int(below: 4_000)) * 0.25) }
            for _ in 0..<500 { _ = queue.popNext() }
            var copy = queue
            copy.replaceNext(with: .worldTick, at: 2_000)
            store = queue.store
            copiedStore = copy.store
            XCTAssertFalse(store === copiedStore, "the copy has buffers of its own")
            var writer = StateWriter()
            writer.write(copy)
            var reader = StateReader(writer.bytes)
            var restored = EventQueue()
            try reader.read(into: &restored)
            peak = LiveBuffers.count
            while queue.popNext() != nil {}
            copy.removeAll()
            XCTAssertEqual(restored.count, 2_500)
        }()
        XCTAssertGreaterThan(peak, before + 6, "the queues had buffers allocated")
        XCTAssertNil(store, "the store dies with its queue")
        XCTAssertNil(copiedStore, "the copy's store dies with the copy")
        XCTAssertEqual(LiveBuffers.count, before, "every buffer is freed")
    }
}
