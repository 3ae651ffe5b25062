import Foundation

/// Where a `csv` world finds its data file. A scenario names the file in two ways: `dataFile`, its path
/// inside a data folder (the presets set it), and `path`, relative to the scenario file. The data folder
/// is `--data DIR` on the command line, which sets the environment variable `SIM_DATA` for the process,
/// or `SIM_DATA` itself. Order: DIR/dataFile when a folder is set and the file is there, else `path`
/// (relative to the scenario), else DIR/dataFile (so the error names it). `source` (the presets set it)
/// says where to download a missing file.
struct DataFolder {
    /// The environment variable naming the data folder.
    static let variable = "SIM_DATA"

    /// The folder from `SIM_DATA`, nil when unset or empty.
    let folder: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        folder = environment[Self.variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The candidate files, in order: DIR/dataFile (folder and dataFile set), then the resolved `path`.
    func candidates(dataFile: String?, path: String?, resolve: (String) -> String) -> [String] {
        var files: [String] = []
        if let folder, let dataFile { files.append(URL(fileURLWithPath: folder).appendingPathComponent(dataFile).path) }
        if let path { files.append(resolve(path)) }
        return files
    }

    /// The first candidate that exists, else the first candidate (whose read then fails with `missingHint`).
    func locate(dataFile: String?, path: String?, resolve: (String) -> String) -> String? {
        let files = candidates(dataFile: dataFile, path: path, resolve: resolve)
        return files.first { FileManager.default.fileExists(atPath: $0) } ?? files.first
    }

    /// The fix for a file found nowhere: where it was looked for and where to download it.
    func missingHint(dataFile: String?, path: String?, source: String?, resolve: (String) -> String) -> String {
        let looked = candidates(dataFile: dataFile, path: path, resolve: resolve)
        var hint = "looked for " + looked.joined(separator: " and ")
        if let source { hint += "; download it from \(source)" }
        if let dataFile {
            hint += " and put it at DIR/\(dataFile), then pass --data DIR (or set \(Self.variable)=DIR)"
        } else {
            hint += "; paths are relative to the scenario file, or pass --set world.path=FILE"
        }
        return hint
    }
}
