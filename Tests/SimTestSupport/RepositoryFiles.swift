import Foundation

/// Paths inside the repository, found from this source file so tests run from any working directory.
public enum RepositoryFiles {
    /// The repository root (the folder holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `Scenarios/*.json5` file, sorted by name (a stable fuzz corpus order).
    public static func scenarioFiles() -> [URL] {
        let folder = root.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json5") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The built `sim` executable of the current build configuration, when it exists.
    public static func simExecutable() -> URL? {
        // Test bundles live beside the products in .build/<triple>/<configuration>/.
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        for configuration in ["debug", "release"] {
            let candidate = root.appendingPathComponent(".build/\(configuration)/sim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
