import Foundation

/// Named numeric columns read from a CSV file with a header line (the `csv` world; Sources/Agents/README.md,
/// "Time-series prediction").
///
/// The file is streamed in 64 KiB blocks and only the data rows in `rows` are parsed: rows before
/// them are counted, not parsed, and reading stops after the last one, so a 200 MB file with a
/// 100-row window costs what the window costs. Within the rows read, only the requested columns are
/// parsed as numbers, but every line must have as many fields as the header. A malformed line is a
/// ``CSVError/malformed(file:line:detail:)`` carrying the 1-based line number of the file (the header
/// is line 1), which `sim` reports as a scenario error (exit 2). Line endings LF, CRLF or CR; a
/// leading byte-order mark is skipped; a trailing empty line is ignored; a line longer than
/// ``maximumLineBytes`` is malformed (a file without line ends cannot fill memory); fields are not
/// quoted (the data files of `../shared/data` have no quoted fields).
public struct CSVTable: Sendable {
    /// The header's column names, in file order.
    public let header: [String]
    /// The requested columns over the rows read.
    public let columns: [String: [Double]]
    /// Data rows seen: every row of the file, or — when reading stopped after the last requested
    /// row — that row's index + 1.
    public let rowCount: Int

    /// The longest line accepted, in bytes.
    public static let maximumLineBytes = 1 << 20

    /// Reads `file` and parses `wanted` columns of the data rows in `rows` (0-based; all rows when nil).
    /// - Throws: ``CSVError``.
    public static func read(file: String, columns wanted: [String], rows: Range<Int>? = nil) throws -> CSVTable {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CSVError.unreadable(file: file) }
        defer { Glibc.close(descriptor) }
        var parser = Parser(file: file, wanted: wanted, rows: rows)
        var lines = CSVLineSplitter(file: file)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while !parser.finished {
            let count = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw CSVError.unreadable(file: file) }
            if count == 0 { break }
            try lines.feed(block[0..<count]) { try parser.take($0, line: $1) }
        }
        if !parser.finished { try lines.finish { try parser.take($0, line: $1) } }
        return try parser.table()
    }

    /// Parses CSV text (exposed for tests).
    public static func parse(_ text: String, file: String, columns wanted: [String], rows: Range<Int>? = nil) throws -> CSVTable {
        var parser = Parser(file: file, wanted: wanted, rows: rows)
        var lines = CSVLineSplitter(file: file)
        try lines.feed(Array(text.utf8)[...]) { try parser.take($0, line: $1) }
        if !parser.finished { try lines.finish { try parser.take($0, line: $1) } }
        return try parser.table()
    }

    /// Turns lines into the header and the requested rows' numbers.
    private struct Parser {
        let file: String
        let wanted: [String]
        let rows: Range<Int>?
        var header: [String]?
        var indices: [(name: String, index: Int)] = []
        var values: [[Double]] = []
        var dataRows = 0
        /// Set once the last requested row is read: the rest of the file is not needed.
        var finished = false

        init(file: String, wanted: [String], rows: Range<Int>?) {
            self.file = file
            self.wanted = wanted
            self.rows = rows
        }

        /// Takes line number `line`; returns false when no further line is needed.
        mutating func take(_ bytes: ArraySlice<UInt8>, line: Int) throws -> Bool {
            guard header != nil else {
                let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
                let names = try fields(body, line: line)
                for name in wanted {
                    guard let i = names.firstIndex(of: name) else { throw CSVError.missingColumn(file: file, column: name, available: names) }
                    // Two columns of one name: which one the scenario means is ambiguous.
                    if let j = names[(i + 1)...].firstIndex(of: name) {
                        throw CSVError.malformed(file: file, line: 1, detail: "the header names column '\(name)' twice (fields \(i + 1) and \(j + 1))")
                    }
                    indices.append((name, i))
                }
                values = indices.map { _ in [] }
                header = names
                return true
            }
            let row = dataRows
            dataRows += 1
            if let rows, row < rows.lowerBound { return true }
            let parts = try fields(bytes, line: line)
            guard parts.count == header!.count else {
                throw CSVError.malformed(file: file, line: line, detail: "expected \(header!.count) fields as in the header, got \(parts.count)")
            }
            for (k, column) in indices.enumerated() {
                let field = parts[column.index]
                guard let number = Double(field), number.isFinite else {
                    throw CSVError.malformed(file: file, line: line, detail: "column '\(column.name)' is not a finite number: '\(field)'")
                }
                values[k].append(number)
            }
            if let rows, row + 1 >= rows.upperBound { finished = true }
            return !finished
        }

        /// The comma-separated fields of a line, trimmed; the line must be UTF-8.
        private func fields(_ bytes: ArraySlice<UInt8>, line: Int) throws -> [String] {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let column = ScenarioSource.firstInvalidUTF8(in: Data(bytes)).column
                throw CSVError.malformed(file: file, line: line, detail: "the file is not UTF-8 text (invalid byte at column \(column))")
            }
            return text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }

        func table() throws -> CSVTable {
            guard let header else { throw CSVError.malformed(file: file, line: 1, detail: "empty file, expected a header line") }
            var columns: [String: [Double]] = [:]
            for (k, column) in indices.enumerated() { columns[column.name] = values[k] }
            return CSVTable(header: header, columns: columns, rowCount: dataRows)
        }
    }
}
