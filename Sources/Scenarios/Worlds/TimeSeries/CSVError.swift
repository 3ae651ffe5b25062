import Foundation

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
