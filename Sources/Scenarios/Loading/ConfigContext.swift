/// Where configuration values came from: the file name and the line of each key path, so every
/// validation error can point at the line to fix.
public struct ConfigContext: Sendable, Equatable {
    /// The scenario file as the user named it.
    public let file: String
    /// 1-based line of each key path (from ``JSON5Outline``).
    public let lines: [String: Int]
    /// The folder relative file references (tables, CSV data, policy files) resolve against.
    public let directory: String

    public init(file: String, lines: [String: Int] = [:], directory: String = ".") {
        self.file = file
        self.lines = lines
        self.directory = directory
    }

    /// An error at `path`, with its line when known.
    public func issue(_ path: String, _ message: String, value: JSONValue? = nil, hint: String? = nil) -> ScenarioError {
        .invalid(ScenarioIssue(file: file, line: line(of: path), path: path, message: message, value: value?.brief, hint: hint))
    }

    /// The line of `path` or of its nearest ancestor that has one (the root value's line last).
    public func line(of path: String) -> Int? {
        var probe = path
        while !probe.isEmpty {
            if let line = lines[probe] { return line }
            guard let cut = probe.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            probe = String(probe[..<cut])
        }
        return lines[""]
    }

    /// A path resolved against ``directory`` unless it is absolute.
    public func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : directory + "/" + relative
    }
}
