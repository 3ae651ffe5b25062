import Foundation

/// A value shared between threads behind a lock: every read and write goes through
/// ``withLock(_:)``, so it is the one place a lock-guarded value needs `@unchecked Sendable`.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    // Safe to share: `value` is touched only inside `withLock`, while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held and returns its result.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
