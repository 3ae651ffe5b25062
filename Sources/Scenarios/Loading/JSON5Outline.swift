/// The shape of a JSON5 text that Foundation's decoder does not report: the source order and line of
/// every object key, duplicate keys, and the line and column of a syntax error.
///
/// It is a small recursive scanner over the same grammar (objects, arrays, single- or double-quoted
/// strings, identifiers as keys, comments, trailing commas); values themselves are skipped, since
/// `JSONDecoder` decodes them. Paths look like `policies.amarl.rtol` and `world.tables.P_g[2]`.
///
/// It runs before the decoder, so it is also the guard the decoder lacks: nesting is limited to
/// ``maximumDepth`` (deeper input overflowed the stack, found by fuzzing) and string escapes are
/// checked, so such errors get a line and column instead of Foundation's bare "not valid JSON".
public struct JSON5Outline: Sendable, Equatable {
    /// The deepest nesting of objects and arrays accepted. Scenario files need about 8 levels (a
    /// local-transition table inside `world.tables`); the limit keeps recursion far from the stack's end.
    public static let maximumDepth = 64

    /// Keys of each object path in source order ("" is the root object).
    public private(set) var keyOrder: [String: [String]] = [:]
    /// 1-based line of each key path.
    public private(set) var lines: [String: Int] = [:]
    /// The first key that appears twice in one object, with its path and line.
    public private(set) var duplicate: (path: String, line: Int)?
    /// The keys of each object path as a set: the duplicate check is one hash lookup per key, so a
    /// scan is linear in the number of keys (searching ``keyOrder`` made it quadratic).
    private var keySets: [String: Set<String>] = [:]

    /// A syntax error at a 1-based line and column.
    public struct SyntaxError: Error, Equatable, Sendable {
        public let line: Int, column: Int, message: String
    }

    public static func == (a: JSON5Outline, b: JSON5Outline) -> Bool {
        a.keyOrder == b.keyOrder && a.lines == b.lines && a.duplicate?.path == b.duplicate?.path
    }

    /// Scans `text`; throws ``SyntaxError`` at the first place the grammar is broken.
    public static func scan(_ text: String) throws -> JSON5Outline {
        var scanner = Scanner(bytes: Array(text.utf8))
        if scanner.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        var outline = JSON5Outline()
        try scanner.skipSpace()
        outline.lines[""] = scanner.line
        try scanner.value(path: "", into: &outline)
        try scanner.skipSpace()
        if scanner.index < scanner.bytes.count { throw scanner.error("unexpected text after the end of the document") }
        return outline
    }

    fileprivate mutating func addKey(_ key: String, in object: String, line: Int) {
        let path = object.isEmpty ? key : object + "." + key
        if !keySets[object, default: []].insert(key).inserted {
            if duplicate == nil { duplicate = (path, line) }
            return
        }
        keyOrder[object, default: []].append(key)
        lines[path] = line
    }
}

private struct Scanner {
    let bytes: [UInt8]
    var index = 0, line = 1, lineStart = 0, depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String) -> JSON5Outline.SyntaxError {
        JSON5Outline.SyntaxError(line: line, column: index - lineStart + 1, message: message)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
        index += 1
    }

    mutating func skipSpace() throws {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C{
                advance()
            } else if c == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while let d = current, d != 0x0A { advance() }
            } else if c == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                advance(); advance()
                while index + 1 < bytes.count && !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { advance() }
                guard index + 1 < bytes.count else { throw error("unterminated /* comment") }
                advance(); advance()
            } else {
                return
            }
        }
    }

    mutating func value(path: String, into outline: inout JSON5Outline) throws {
        guard let c = current else { throw error("expected a value, found the end of the document") }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < JSON5Outline.maximumDepth else {
                throw error("objects and arrays nested deeper than \(JSON5Outline.maximumDepth) levels")
            }
            depth += 1
            defer { depth -= 1 }
            if c == UInt8(ascii: "{") { try object(path: path, into: &outline) } else { try array(path: path, into: &outline) }
        case UInt8(ascii: "\""), UInt8(ascii: "'"): _ = try string()
        default:
            let start = index, column = index - lineStart + 1
            while let d = current, Self.isLiteral(d) { advance() }
            if index == start { throw error("unexpected character '\(Character(Unicode.Scalar(c)))'") }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            guard Self.isScalar(token) else {
                throw JSON5Outline.SyntaxError(line: line, column: column,
                                               message: "'\(token)' is not a value (strings need quotes)")
            }
        }
    }

    mutating func object(path: String, into outline: inout JSON5Outline) throws {
        advance()
        try skipSpace()
        if current == UInt8(ascii: "}") { advance(); return }
        while true {
            let keyLine = line
            let key = try key()
            outline.addKey(key, in: path, line: keyLine)
            try skipSpace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
            advance()
            try skipSpace()
            try value(path: path.isEmpty ? key : path + "." + key, into: &outline)
            try skipSpace()
            if current == UInt8(ascii: ",") {
                advance()
                try skipSpace()
                if current == UInt8(ascii: "}") { advance(); return }
            } else if current == UInt8(ascii: "}") {
                advance()
                return
            } else {
                throw error("expected ',' or '}' after the value of '\(key)'")
            }
        }
    }

    mutating func array(path: String, into outline: inout JSON5Outline) throws {
        advance()
        try skipSpace()
        if current == UInt8(ascii: "]") { advance(); return }
        var item = 0
        while true {
            try value(path: "\(path)[\(item)]", into: &outline)
            item += 1
            try skipSpace()
            if current == UInt8(ascii: ",") {
                advance()
                try skipSpace()
                if current == UInt8(ascii: "]") { advance(); return }
            } else if current == UInt8(ascii: "]") {
                advance()
                return
            } else {
                throw error("expected ',' or ']' in an array")
            }
        }
    }

    mutating func key() throws -> String {
        guard let c = current else { throw error("expected a key, found the end of the document") }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return try string(keep: true) }
        let start = index
        while let d = current, Self.isIdentifier(d) { advance() }
        guard index > start else { throw error("expected a key, found '\(Character(Unicode.Scalar(c)))'") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads a quoted string; the text is built only for keys (`keep`), so long values cost one pass.
    /// A key's escapes lose their backslash (`\\"` is `"`), which is all key paths need.
    mutating func string(keep: Bool = false) throws -> String {
        let quote = bytes[index]
        advance()
        let start = index
        var escapes = false
        while index < bytes.count {
            let c = bytes[index]
            if c == quote { break }
            if c == 0x0A { throw error("line break inside a string") }
            if c == UInt8(ascii: "\\") {
                escapes = true
                index += 1
                guard index < bytes.count else { break }
                try checkEscape(bytes[index])
                advance()  // counts an escaped line break
                continue
            }
            index += 1
        }
        guard current == quote else { throw error("unterminated string") }
        defer { advance() }
        guard keep else { return "" }
        var raw = Array(bytes[start..<index])
        if escapes {
            var out: [UInt8] = [], i = 0
            while i < raw.count {
                if raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count { i += 1 }
                out.append(raw[i])
                i += 1
            }
            raw = out
        }
        return String(decoding: raw, as: UTF8.self)
    }

    /// `\\u` needs four hex digits and `\\x` two (JSON5); Foundation rejects the text otherwise.
    func checkEscape(_ escaped: UInt8) throws {
        let digits = escaped == UInt8(ascii: "u") ? 4 : escaped == UInt8(ascii: "x") ? 2 : 0
        guard digits > 0 else { return }
        let hex = bytes[(index + 1)...].prefix(digits)
        guard hex.count == digits, hex.allSatisfy({ Self.isHexDigit($0) }) else {
            throw error("'\\\(Character(Unicode.Scalar(escaped)))' must be followed by \(digits) hex digits")
        }
    }

    static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    static func isIdentifier(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x24 || c >= 0x80
    }

    static func isScalar(_ token: String) -> Bool {
        let words: Set<String> = ["true", "false", "null", "NaN", "+NaN", "-NaN", "Infinity", "+Infinity", "-Infinity"]
        return words.contains(token) || Double(token) != nil
    }

    static func isLiteral(_ c: UInt8) -> Bool {
        isIdentifier(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }
}
