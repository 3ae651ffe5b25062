import Foundation

/// A fresh folder under the system temporary directory; tests write scenario files and outputs into
/// it. Get one from `XCTestCase.makeTemporaryDirectory()`, which removes it when the test ends.
public final class TemporaryDirectory: Sendable {
    /// The folder's path.
    public let path: String

    // Internal so that every folder has an owner that removes it: not `deinit`, because XCTest keeps
    // each test-case instance (and so its stored properties) alive until the process exits.
    init() {
        path = NSTemporaryDirectory() + "meanfield-sim-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it.
    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` inside the folder and returns the file's path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }
}
