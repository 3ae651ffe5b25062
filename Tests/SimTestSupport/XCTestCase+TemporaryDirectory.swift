import XCTest

extension XCTestCase {
    /// A fresh ``TemporaryDirectory`` that is removed when the current test ends.
    ///
    /// Hold it as `private lazy var folder = makeTemporaryDirectory()`: each test runs on its own
    /// test-case instance, so each test gets its own folder, created on first use.
    public func makeTemporaryDirectory() -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        addTeardownBlock { folder.remove() }
        return folder
    }
}
