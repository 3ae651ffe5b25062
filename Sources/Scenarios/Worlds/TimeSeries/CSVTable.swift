import Foundation

/// Named numeric columns read from a CSV file with a header line (the `csv` world; Sources/Agents/README.md,
/// "Time-series prediction").
///
/// Only the requested columns are parsed as numbers, but every data line must have as many fields as
/// the header. A malformed line is a ``CSVError/malformed(file:line:detail:)`` carrying the 1-based
/// line number of the file (the header is line 1), which `sim` reports as a scenario error (exit 2).
/// Line endings LF, CRLF or CR; a leading byte-order mark is skipped; a trailing empty line is ignored;
/// fields are not quoted (the data files of `../shared/data` have no quoted fields).
public struct CSVTable: Sendable {
    /// The header's column names, in file order.
    public let header: [String]
    /// The requested columns, parsed.
    public let columns: [String: [Double]]
    /// Number of data rows.
    public let rowCount: Int

    /// Reads `file` and parses `wanted` columns.
    /// - Throws: ``CSVError``.
    public static func read(file: String, columns wanted: [String]) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: file) else { throw CSVError.unreadable(file: file) }
        guard let text = String(data: data, encoding: .utf8) else {
            let place = ScenarioSource.firstInvalidUTF8(in: data)
            throw CSVError.malformed(file: file, line: place.line, detail: "the file is not UTF-8 text (invalid byte at column \(place.column))")
        }
        return try parse(text, file: file, columns: wanted)
    }

    /// Parses CSV text (exposed for tests).
    public static func parse(_ text: String, file: String, columns wanted: [String]) throws -> CSVTable {
        // "\r\n" is one Character in Swift, so normalize line endings before splitting; a bare CR (old Mac
        // files) ends a line too, and a byte-order mark (spreadsheet exports) is not part of the first
        // column's name. Fuzzing found both: a BOM hid the first column, bare CRs made one huge header.
        var normalized = text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        if normalized.hasPrefix("\u{FEFF}") { normalized.removeFirst() }
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw CSVError.malformed(file: file, line: 1, detail: "empty file, expected a header line") }
        let header = fields(first)
        var indices: [(name: String, index: Int)] = []
        for name in wanted {
            guard let i = header.firstIndex(of: name) else {
                throw CSVError.missingColumn(file: file, column: name, available: header)
            }
            // Two columns of one name: which one the scenario means is ambiguous.
            if let j = header[(i + 1)...].firstIndex(of: name) {
                throw CSVError.malformed(file: file, line: 1, detail: "the header names column '\(name)' twice (fields \(i + 1) and \(j + 1))")
            }
            indices.append((name, i))
        }
        var values = indices.map { _ in [Double]() }
        for (offset, raw) in lines.dropFirst().enumerated() {
            let lineNumber = offset + 2
            let row = fields(raw)
            guard row.count == header.count else {
                throw CSVError.malformed(file: file, line: lineNumber,
                                         detail: "expected \(header.count) fields as in the header, got \(row.count)")
            }
            for (k, column) in indices.enumerated() {
                let field = row[column.index]
                guard let number = Double(field), number.isFinite else {
                    throw CSVError.malformed(file: file, line: lineNumber,
                                             detail: "column '\(column.name)' is not a finite number: '\(field)'")
                }
                values[k].append(number)
            }
        }
        var columns: [String: [Double]] = [:]
        for (k, column) in indices.enumerated() { columns[column.name] = values[k] }
        return CSVTable(header: header, columns: columns, rowCount: lines.count - 1)
    }

    private static func fields(_ line: Substring) -> [String] {
        let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
        return trimmed.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// What can go wrong reading a CSV data file; every case names the file, and line errors the line.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String)
    case missingColumn(file: String, column: String, available: [String])
    case malformed(file: String, line: Int, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let file): return "\(file): cannot read the data file"
        case .missingColumn(let file, let column, let available):
            return "\(file): no column '\(column)' (the header has \(available.joined(separator: ", ")))"
        case .malformed(let file, let line, let detail):
            return "\(file):\(line): malformed \(line == 1 ? "header" : "row"): \(detail)"
        }
    }

    /// The line number, when the error concerns one line.
    public var line: Int? {
        if case .malformed(_, let line, _) = self { return line }
        return nil
    }
}
