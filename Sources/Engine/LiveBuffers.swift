import Foundation

/// The number of ``RawArray`` buffers allocated and not yet freed, counted in debug builds so that
/// tests can show that the event queue frees all it allocates; release builds count nothing.
@usableFromInline
enum LiveBuffers {
    #if DEBUG
    private static let lock = NSLock()
    /// Read and written only under `lock`.
    nonisolated(unsafe) private static var live = 0
    #endif

    /// Buffers allocated and not yet freed (always 0 in release builds).
    static var count: Int {
        #if DEBUG
        lock.lock()
        defer { lock.unlock() }
        return live
        #else
        return 0
        #endif
    }

    /// Counts an allocation (+1) or a free (−1).
    @usableFromInline
    static func record(_ change: Int) {
        #if DEBUG
        lock.lock()
        live += change
        lock.unlock()
        #endif
    }
}
