import Foundation

/// An aligned plain-text table: the first `textColumns` columns left-aligned, the others (numbers)
/// right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    let textColumns: Int

    init(_ header: [String], textColumns: Int = 1) {
        self.header = header
        self.textColumns = textColumns
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < textColumns ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A number in fixed notation with `digits` decimals; `-` for an undefined value (NaN).
    static func format(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "-" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)f", value)
    }

    /// ``format(_:digits:)``, except that a non-zero value that would print as ±0.0000 is written in
    /// scientific notation with four significant digits (a Nash gain near an equilibrium, say).
    static func formatNonZero(_ value: Double) -> String {
        value != 0 && value.isFinite && abs(value) < 5e-5 ? String(format: "%.3e", value) : format(value)
    }
}
