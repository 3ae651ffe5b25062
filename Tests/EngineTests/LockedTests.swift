import Dispatch
import Engine
import XCTest

/// ``Locked`` serializes every access: concurrent read-modify-writes lose no update.
final class LockedTests: XCTestCase {
    func test_concurrentIncrements_areAllCounted() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<200_000 { counter.withLock { $0 += 1 } }
        }
        XCTAssertEqual(counter.withLock { $0 }, 1_600_000)
    }
}
