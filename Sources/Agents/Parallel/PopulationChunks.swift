import Dispatch
import Engine
import Foundation

/// A population of `count` agents cut into fixed chunks of ``chunkSize`` agents, stepped on up to
/// `threads` threads.
///
/// Goals, in order: (1) results never depend on the thread count — chunk boundaries depend only on
/// `count` and `chunkSize`, each chunk's result is stored at its chunk index, and callers merge them
/// in chunk order; (2) no per-agent allocation or dispatch — one closure call per chunk; (3) a
/// single chunk or a single thread runs inline, with no Dispatch at all.
public struct PopulationChunks: Sendable, Equatable {
    /// The default chunk: 65,536 agents (64 KiB of one-byte states, a comfortable L2 working set).
    public static let defaultChunkSize = 1 << 16

    /// Agents in the population.
    public let count: Int
    /// Agents per chunk (the last chunk may be shorter).
    public let chunkSize: Int

    /// - Precondition: `count >= 0`, `chunkSize >= 1`.
    public init(count: Int, chunkSize: Int = PopulationChunks.defaultChunkSize) {
        precondition(count >= 0 && chunkSize >= 1, "PopulationChunks needs count >= 0 and chunkSize >= 1, got \(count), \(chunkSize)")
        self.count = count
        self.chunkSize = chunkSize
    }

    /// Number of chunks.
    public var chunkCount: Int { (count + chunkSize - 1) / chunkSize }

    /// The agents of chunk `index`.
    public func range(_ index: Int) -> Range<Int> {
        index * chunkSize..<min((index + 1) * chunkSize, count)
    }

    /// Calls `body(chunk, agents)` once per chunk on up to `threads` threads and returns the results
    /// in chunk order. Workers take the next unclaimed chunk until none is left, so a worker that
    /// starts late (the machine is shared) just takes fewer chunks; which worker runs a chunk never
    /// affects its result.
    /// - Precondition: `threads >= 1`. `body` must touch only its own chunk's agents.
    /// - Complexity: `chunkCount` calls of `body`.
    public func map<T: Sendable>(threads: Int, _ body: @Sendable (Int, Range<Int>) -> T) -> [T] {
        precondition(threads >= 1, "threads must be >= 1, got \(threads)")
        let chunks = chunkCount
        let workers = min(threads, chunks)
        if workers <= 1 { return (0..<chunks).map { body($0, range($0)) } }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: chunks)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Each slot is written by the one worker that claimed its chunk, and read after all return.
        let slots = ChunkedBuffer(results)
        let claimed = Locked(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let chunk = claimed.withLock({ next -> Int? in
                guard next < chunks else { return nil }
                next += 1
                return next - 1
            }) {
                slots.buffer[chunk] = body(chunk, range(chunk))
            }
        }
        let ordered = results.map { $0! }
        _ = results.deinitialize()
        return ordered
    }
}

/// A population's mutable buffer handed to chunk workers; each worker writes only its own chunk's
/// range, so the accesses never overlap.
// Safe to share for that reason only: the workers' ranges are disjoint and the owner reads after they return.
public struct ChunkedBuffer<Element>: @unchecked Sendable {
    /// The whole population's buffer.
    public let buffer: UnsafeMutableBufferPointer<Element>
    public init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
