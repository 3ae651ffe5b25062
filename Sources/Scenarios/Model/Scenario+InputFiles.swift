import Foundation

/// The files a scenario reads besides itself, found in its validated tree: the `csv` world's `path`
/// (and its `dataFile` in the data folder),
/// the `tabular` world's `tablesFile`, each `tabular` policy's `file`, and the files an `external`
/// policy's or an external `world.mixture`'s `command` names (run from the scenario's folder, e.g. its script). These are the only keys
/// that name files (every builder resolves them with ``ConfigContext/resolve(_:)``); a key added to a
/// builder that reads a file belongs in ``fileKeys`` too (ScenarioInputFilesTests checks the shipped ones).
extension Scenario {
    /// The keys naming files: (object path or `policies.*`, key).
    static let fileKeys: [(object: String, key: String)] = [("world", "path"), ("world", "tablesFile"), ("policies.*", "file")]

    /// Every file the scenario reads, the scenario file first, resolved as the builders resolve them.
    static func inputFiles(tree: JSONValue, context: ConfigContext) -> [String] {
        var objects: [(path: String, value: JSONValue)] = []
        if let world = tree["world"] { objects.append(("world", world)) }
        if let mixture = tree["world"]?["mixture"] { objects.append(("world.mixture", mixture)) }
        if case .object(let policies)? = tree["policies"] {
            objects += policies.map { ("policies.*", $0.value) }
        }
        var files = [context.file]
        func add(_ name: String) {
            let resolved = context.resolve(name)
            if !files.contains(resolved) { files.append(resolved) }
        }
        for (path, object) in objects {
            for (owner, key) in fileKeys where owner == path {
                if case .string(let name)? = object[key] { add(name) }
            }
            // A csv world's file inside the data folder (`--data DIR`, SIM_DATA), named by `dataFile` or its preset.
            if path == "world" {
                var dataFile: String?
                if case .string(let name)? = object["dataFile"] { dataFile = name }
                if dataFile == nil, case .string(let preset)? = object["preset"] { dataFile = TimeSeriesCSVReader.presetFile[preset]?.dataFile }
                for candidate in DataFolder().candidates(dataFile: dataFile, path: nil, resolve: context.resolve) { add(candidate) }
            }
            // An external policy's program and arguments (the entry's own, its external `local`'s, or an
            // external server mixture's): those that are files beside the scenario.
            if path == "policies.*" || path == "world.mixture" {
                for owner in [object, object["local"]] {
                    guard case .array(let words)? = owner?["command"] else { continue }
                    for case .string(let word) in words where isRegularFile(context.resolve(word)) { add(word) }
                }
            }
        }
        return files
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
