import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An answer whose members are lists of real numbers — `{"predictions": [0.41, 0.39, …]}` of the client
/// role, `{"weights": […]}` of the server role — read and checked: each list must have the expected
/// length and only finite numbers.
///
/// A plain answer (an object of number lists, optional spaces) is read straight from its bytes with
/// `strtod`, which rounds correctly, so a number printed with enough digits (Python's `repr`, Swift's
/// `description`) comes back bit for bit; at 10^5 clients the general parser's values would cost more
/// than the round trip. Anything else goes through ``JSONLineParser``, which reports what is wrong.
/// `NaN`, `Infinity` and `-Infinity` — what Python's `json.dumps` writes for non-finite floats — and
/// numbers beyond the range of a double are refused as not finite, naming the entry.
struct NumberListAnswer {
    /// The lists by member name.
    private(set) var lists: [String: [Double]] = [:]

    /// Reads `line`.
    /// - Throws: ``ExternalProcessFailure`` for a line that is not a JSON object, or a list with a
    ///   non-finite or non-numeric entry.
    init(_ line: String) throws {
        var text = line
        let plain = try text.withUTF8 { try Self.plainLists($0) }
        if let plain {
            lists = plain
            return
        }
        for member in try ExternalProtocol.object(line) {
            guard case .array(let values) = member.value else { continue }
            var numbers = [Double]()
            numbers.reserveCapacity(values.count)
            for (i, value) in values.enumerated() {
                guard case .number(let number) = value else {
                    throw ExternalProcessFailure("\(member.key)[\(i)] is not a number: " + value.rendered(indent: 0).prefix(40))
                }
                numbers.append(number)
            }
            lists[member.key] = numbers
        }
    }

    /// The list `key`, of `count` numbers (`what` describes the count in the message).
    /// - Throws: ``ExternalProcessFailure`` when it is missing or of another length.
    func list(_ key: String, count: Int, what: String, line: String) throws -> [Double] {
        guard let values = lists[key] else {
            throw ExternalProcessFailure("malformed answer (expected \"\(key)\": a list of \(count) numbers): " + ExternalProtocol.excerpt(line))
        }
        guard values.count == count else {
            throw ExternalProcessFailure("expected \(count) \(key) (\(what)), got \(values.count)")
        }
        return values
    }

    /// The list `key` if present, checked as ``list(_:count:what:line:)`` checks it.
    func optionalList(_ key: String, count: Int, what: String, line: String) throws -> [Double]? {
        lists[key] == nil ? nil : try list(key, count: count, what: what, line: line)
    }

    /// The lists of an object whose every member is a list of numbers, nil when the line is anything
    /// else (the general parser then reads it).
    /// - Throws: ``ExternalProcessFailure`` for a non-finite entry.
    private static func plainLists(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [String: [Double]]? {
        var i = 0
        func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 } }
        func accept(_ byte: Character) -> Bool {
            skipSpaces()
            guard i < bytes.count, bytes[i] == byte.asciiValue! else { return false }
            i += 1
            return true
        }
        guard accept("{") else { return nil }
        var lists: [String: [Double]] = [:]
        if accept("}") { return lists }
        repeat {
            guard accept("\"") else { return nil }
            let keyStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<i]), as: UTF8.self)
            i += 1
            guard accept(":"), accept("["), lists[key] == nil else { return nil }
            var numbers = [Double]()
            if !accept("]") {
                repeat {
                    skipSpaces()
                    guard let number = try number(bytes, at: &i, key: key, index: numbers.count) else { return nil }
                    numbers.append(number)
                } while accept(",")
                guard accept("]") else { return nil }
            }
            lists[key] = numbers
        } while accept(",")
        guard accept("}") else { return nil }
        skipSpaces()
        return i == bytes.count ? lists : nil
    }

    /// The JSON number at `i` (`-? int frac? exp?`), advancing past it; nil when there is none.
    /// - Throws: ``ExternalProcessFailure`` for `NaN`, `Infinity`, `-Infinity` or a number beyond a double's range.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int, key: String, index: Int) throws -> Double? {
        let start = i
        func digits() -> Int {
            let from = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            return i - from
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        for word in ["NaN", "Infinity"] where Self.matches(bytes, at: i, word) {
            throw ExternalProcessFailure("\(key)[\(index)] is not finite (\(bytes[start] == UInt8(ascii: "-") ? "-" : "")\(word))")
        }
        guard digits() > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        // strtod stops at the byte after the number, which exists (a list ends with ']').
        guard i < bytes.count else { return nil }
        let value = bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { strtod($0 + start, nil) }
        guard value.isFinite else {
            throw ExternalProcessFailure("\(key)[\(index)] is not finite (\(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self).prefix(40)))")
        }
        return value
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        return i + utf8.count <= bytes.count && utf8.indices.allSatisfy { bytes[i + $0] == utf8[$0] }
    }
}
