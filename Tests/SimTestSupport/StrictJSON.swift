/// A strict JSON reader for tests: it accepts one JSON text and reports the first object that carries
/// a key twice. Foundation's `JSONSerialization` keeps only one of the repeated keys silently, so it
/// cannot check that a trace line is unambiguous.
public enum StrictJSON {
    /// Why a text is refused: a syntax error or a repeated key, with the byte offset.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let offset: Int
        public let message: String
        public var description: String { "byte \(offset): \(message)" }
    }

    /// Checks that `text` is one JSON value whose objects never repeat a key.
    public static func check(_ text: String) throws {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipSpace()
        try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < reader.bytes.count { throw reader.problem("text after the value") }
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        func problem(_ message: String) -> Problem { Problem(offset: index, message: message) }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
        }

        mutating func expect(_ c: UInt8) throws {
            guard current == c else { throw problem("expected '\(Character(Unicode.Scalar(c)))'") }
            index += 1
        }

        mutating func value(depth: Int) throws {
            guard depth < 100 else { throw problem("nested too deeply") }
            switch current {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try word("true")
            case UInt8(ascii: "f"): try word("false")
            case UInt8(ascii: "n"): try word("null")
            default: try number()
            }
        }

        mutating func object(depth: Int) throws {
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return }
            var keys = Set<String>()
            while true {
                skipSpace()
                let at = index
                let key = try string()
                guard keys.insert(key).inserted else { throw Problem(offset: at, message: "the key \"\(key)\" appears twice in one object") }
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        }

        mutating func array(depth: Int) throws {
            try expect(UInt8(ascii: "["))
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        }

        /// A string, with its escapes decoded (so `"a"` and `"\u0061"` are the same key).
        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
            while let c = current {
                index += 1
                switch c {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard let e = current else { throw problem("unterminated escape") }
                    index += 1
                    switch e {
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                            throw problem("bad \\u escape")
                        }
                        index += 4
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(e))
                    default: throw problem("bad escape")
                    }
                case 0..<0x20: throw problem("control character in a string")
                default: raw.append(c)
                }
            }
            throw problem("unterminated string")
        }

        mutating func word(_ w: String) throws {
            let utf8 = Array(w.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else { throw problem("expected \(w)") }
            index += utf8.count
        }

        mutating func number() throws {
            let start = index
            while let c = current, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (c >= 0x30 && c <= 0x39) { index += 1 }
            guard index > start, Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else {
                index = start
                throw problem("not a JSON value")
            }
        }
    }
}
