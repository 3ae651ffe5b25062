import XCTest
@testable import Agents

final class PopulationChunksTests: XCTestCase {
    func test_ranges_tileThePopulationInOrder() {
        for (count, size) in [(0, 4), (1, 4), (4, 4), (5, 4), (17, 4), (100, 7)] {
            let chunks = PopulationChunks(count: count, chunkSize: size)
            let tiled = (0..<chunks.chunkCount).flatMap { Array(chunks.range($0)) }
            XCTAssertEqual(tiled, Array(0..<count), "count \(count), chunk \(size)")
            XCTAssertTrue((0..<chunks.chunkCount).allSatisfy { !chunks.range($0).isEmpty })
        }
    }

    func test_map_returnsResultsInChunkOrder_forAnyThreadCount() {
        let chunks = PopulationChunks(count: 1_000, chunkSize: 37)
        let expected = (0..<chunks.chunkCount).map { [$0, chunks.range($0).lowerBound, chunks.range($0).count] }
        for threads in [1, 2, 3, 8, 64] {
            XCTAssertEqual(chunks.map(threads: threads) { [$0, $1.lowerBound, $1.count] }, expected, "threads \(threads)")
        }
    }

    func test_map_writesDisjointChunksOfASharedBuffer() {
        var values = [Int](repeating: -1, count: 10_000)
        let chunks = PopulationChunks(count: values.count, chunkSize: 512)
        values.withUnsafeMutableBufferPointer { buffer in
            let shared = ChunkedBuffer(buffer)
            _ = chunks.map(threads: 4) { chunk, range in
                for i in range { shared.buffer[i] = i * 3 + chunk }
            }
        }
        XCTAssertEqual(values, (0..<10_000).map { $0 * 3 + $0 / 512 })
    }
}
