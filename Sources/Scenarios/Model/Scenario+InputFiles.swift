/// The files a scenario reads besides itself, found in its validated tree: the `csv` world's `path`,
/// the `tabular` world's `tablesFile` and each `tabular` policy's `file`. These are the only keys
/// that name files (every builder resolves them with ``ConfigContext/resolve(_:)``); a key added to a
/// builder that reads a file belongs in ``fileKeys`` too (ScenarioInputFilesTests checks the shipped ones).
extension Scenario {
    /// The keys naming files: (object path or `policies.*`, key).
    static let fileKeys: [(object: String, key: String)] = [("world", "path"), ("world", "tablesFile"), ("policies.*", "file")]

    /// Every file the scenario reads, the scenario file first, resolved as the builders resolve them.
    static func inputFiles(tree: JSONValue, context: ConfigContext) -> [String] {
        var objects: [(path: String, value: JSONValue)] = []
        if let world = tree["world"] { objects.append(("world", world)) }
        if case .object(let policies)? = tree["policies"] {
            objects += policies.map { ("policies.*", $0.value) }
        }
        var files = [context.file]
        for (path, object) in objects {
            for (owner, key) in fileKeys where owner == path {
                if case .string(let name)? = object[key], !files.contains(context.resolve(name)) { files.append(context.resolve(name)) }
            }
        }
        return files
    }
}
