import Foundation

/// A scenario file read and decoded: the value tree in source order, the line of every key, and the
/// overrides applied — everything validation needs.
public struct ScenarioSource: Sendable {
    /// The tree after overrides.
    public let tree: JSONValue
    /// File name, key lines and the folder relative references resolve against.
    public let context: ConfigContext

    /// A source with this tree and context (for validation that prunes fields).
    init(tree: JSONValue, context: ConfigContext) {
        self.tree = tree
        self.context = context
    }

    /// Reads and decodes `file`, then applies `overrides` in order.
    /// - Throws: ``ScenarioError`` for a missing file, bad JSON5, a duplicate key or a bad override.
    public init(file: String, overrides: [Override] = []) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "not readable" : "no such file"
            throw ScenarioError.unreadable(file: file, reason: reason)
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        try self.init(data: data, file: file, directory: directory, overrides: overrides)
    }

    /// Decodes scenario text (`file` names it in messages).
    public init(data: Data, file: String, directory: String = ".", overrides: [Override] = []) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = Self.firstInvalidUTF8(in: data)
            throw ScenarioError.syntax(file: file, line: line, column: column, detail: "the file is not UTF-8 text (invalid byte here)")
        }
        let outline: JSON5Outline
        do {
            outline = try JSON5Outline.scan(text)
        } catch let error as JSON5Outline.SyntaxError {
            throw ScenarioError.syntax(file: file, line: error.line, column: error.column, detail: error.message)
        }
        if let duplicate = outline.duplicate {
            throw ScenarioError.invalid(ScenarioIssue(file: file, line: duplicate.line, path: duplicate.path,
                                                      message: "key appears twice", hint: "keep one of them"))
        }
        let decoded: JSONValue
        do {
            let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
            decoded = try JSONValue.decode(scannedJSON5: Data(body))
        } catch {
            // The outline accepted the text, so the decoder objects to one value (a number beyond a
            // Double such as 1e999 or 01, a string holding NUL): name it by its coding path.
            let path = Self.path(of: error)
            let context = ConfigContext(file: file, lines: outline.lines, directory: directory)
            if Self.hasLoneSurrogateEscape(text) {
                throw context.issue(path, "this string holds an unpaired surrogate escape (\\uD800 to \\uDFFF on its own), which is not a character",
                                    hint: "write the character itself, or a high and low surrogate pair such as \\uD83D\\uDE00")
            }
            throw context.issue(path, "this value cannot be read: numbers must be finite decimals that fit a Double "
                                + "(no leading zeros) and strings must not contain NUL")
        }
        var tree = Self.ordered(decoded, path: "", outline: outline)
        for override in overrides { tree = try override.apply(to: tree) }
        self.tree = tree
        context = ConfigContext(file: file, lines: outline.lines, directory: directory)
    }

    /// Whether `text` has a `\\uD800`–`\\uDBFF` escape not followed by a `\\uDC00`–`\\uDFFF` one, or a low one
    /// without a high one before it (JSON5 strings may not encode half a character).
    static func hasLoneSurrogateEscape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func escape(at i: Int) -> UInt32? {
            guard i + 5 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
            return UInt32(String(decoding: bytes[(i + 2)...(i + 5)], as: UTF8.self), radix: 16)
        }
        var i = 0, pendingHigh = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\") { i += 2; pendingHigh = false; continue }
            if let unit = escape(at: i) {
                if pendingHigh && !(0xDC00...0xDFFF).contains(unit) { return true }
                if !pendingHigh && (0xDC00...0xDFFF).contains(unit) { return true }
                pendingHigh = (0xD800...0xDBFF).contains(unit)
                i += 6
                continue
            }
            if pendingHigh { return true }
            i += 1
        }
        return pendingHigh
    }

    /// The 1-based line and column of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int) {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        scan: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error, .emptyInput: break scan
            }
        }
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    /// A decoding error's coding path as a field path (`world.tables.P_g[0][1]`).
    static func path(of error: Error) -> String {
        let codingPath: [CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context): codingPath = context.codingPath
        default: codingPath = []
        }
        var path = ""
        for key in codingPath {
            if let index = key.intValue { path += "[\(index)]" } else { path += path.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return path
    }

    /// Restores source key order (the decoder's order is unspecified).
    static func ordered(_ value: JSONValue, path: String, outline: JSON5Outline) -> JSONValue {
        switch value {
        case .object(let members):
            // Ranks by dictionary: searching the order per comparison was quadratic in the keys.
            let ranks = Dictionary((outline.keyOrder[path] ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let rank = { (key: String) in ranks[key] ?? Int.max }
            let sorted = members.sorted { (rank($0.key), $0.key) < (rank($1.key), $1.key) }
            return .object(sorted.map { member in
                let child = path.isEmpty ? member.key : path + "." + member.key
                return JSONValue.Member(key: member.key, value: ordered(member.value, path: child, outline: outline))
            })
        case .array(let items):
            return .array(items.enumerated().map { ordered($1, path: "\(path)[\($0)]", outline: outline) })
        default:
            return value
        }
    }
}
