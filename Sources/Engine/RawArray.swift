import Foundation

/// A growable array of plain values that owns its memory: the event queue's buffers.
///
/// Its memory is allocated (and grown) in ``reserve(_:)`` and freed in `deinit`, nowhere else. The
/// type is noncopyable, so two values never share a buffer and a buffer cannot outlive or be freed
/// behind its owner: handing one over is a move (`swap`, `consume`), and ``copy()`` makes an
/// independent one. Unlike `ContiguousArray` it checks neither uniqueness nor bounds on each access
/// (a noncopyable value is unique by construction; bounds are asserted in debug builds and the
/// queue's invariants checked with `-D SIM_INTERNAL_CHECKS`), and it grows with `realloc`, which
/// moves large buffers by remapping pages instead of copying and faulting them in again.
@usableFromInline
struct RawArray<Element: BitwiseCopyable>: ~Copyable {
    /// The first element; a dangling aligned address while nothing is allocated.
    @usableFromInline private(set) var base: UnsafeMutablePointer<Element>
    @usableFromInline private(set) var count = 0
    @usableFromInline private(set) var capacity = 0

    /// An empty array (no allocation).
    @usableFromInline
    init() {
        base = UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }

    @inlinable
    deinit {
        if capacity > 0 {
            free(base)
            LiveBuffers.record(-1)
        }
    }

    @inlinable var isEmpty: Bool { count == 0 }

    @inlinable
    subscript(index: Int) -> Element {
        @inline(__always) get {
            assert(index >= 0 && index < count, "RawArray index \(index) out of 0..<\(count)")
            return base[index]
        }
        @inline(__always) nonmutating set {
            assert(index >= 0 && index < count, "RawArray index \(index) out of 0..<\(count)")
            base[index] = newValue
        }
    }

    /// The elements, for loops and for building other collections; valid while the array is
    /// neither grown nor destroyed.
    @inlinable var elements: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inlinable @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    @inlinable @inline(__always)
    mutating func removeLast() -> Element {
        assert(count > 0, "removeLast() on an empty RawArray")
        count &-= 1
        return base[count]
    }

    /// Makes room for at least `minimum` elements, at least doubling the capacity when it grows.
    @usableFromInline
    mutating func reserve(_ minimum: Int) {
        guard minimum > capacity else { return }
        let newCapacity = max(minimum, 2 * capacity, 16)
        let bytes = newCapacity * MemoryLayout<Element>.stride
        let old: UnsafeMutableRawPointer? = capacity > 0 ? UnsafeMutableRawPointer(base) : nil
        guard let memory = realloc(old, bytes) else { fatalError("out of memory growing an event buffer to \(bytes) bytes") }
        if old == nil { LiveBuffers.record(1) }
        base = memory.bindMemory(to: Element.self, capacity: newCapacity)
        capacity = newCapacity
        if bytes >= 1 << 22 { Self.adviseHugePages(memory, bytes: bytes) }
    }

    /// Asks Linux to back a large buffer with 2 MiB pages: filling 32 MB then costs 16 page faults
    /// instead of 8,192, which on a virtual machine took a fifth of the time of loading 10^6 events.
    /// Elsewhere, and where transparent huge pages are off, it does nothing.
    static func adviseHugePages(_ memory: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let page = 4096
        let start = (Int(bitPattern: memory) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: memory) + bytes) & ~(page - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }

    /// Sets the count to `newCount`, growing the capacity if needed; new elements are uninitialized,
    /// which is fine for plain values that the caller writes before reading.
    @usableFromInline
    mutating func resize(_ newCount: Int) {
        precondition(newCount >= 0, "RawArray.resize(\(newCount))")
        reserve(newCount)
        count = newCount
    }

    /// Removes the elements, keeping the memory.
    @inlinable
    mutating func removeAll() { count = 0 }

    /// An independent array with the same elements (for copy-on-write).
    func copy() -> RawArray {
        var copy = RawArray()
        copy.reserve(count)
        copy.base.initialize(from: base, count: count)
        copy.count = count
        return copy
    }
}
