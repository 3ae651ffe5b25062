import Foundation

/// A fresh folder under the system temporary directory, removed on `deinit`; tests write scenario
/// files and outputs into it.
public final class TemporaryDirectory {
    /// The folder's path.
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "meanfield-sim-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

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
