/// A rectangular nested array of numbers read from a scenario (`[[…], […]]`), flattened row-major with
/// its shape, with errors naming the exact element path (`world.tables.P_l[2][0][1]`).
public struct NumberTable: Sendable, Equatable {
    /// Sizes along each axis.
    public let shape: [Int]
    /// Values in row-major order.
    public let values: [Double]

    /// Reads a `depth`-dimensional table at `path`.
    public static func read(_ value: JSONValue, path: String, depth: Int, context: ConfigContext) throws -> NumberTable {
        var shape: [Int] = []
        var values: [Double] = []
        try collect(value, path: path, level: 0, depth: depth, shape: &shape, values: &values, context: context)
        return NumberTable(shape: shape, values: values)
    }

    private static func collect(_ value: JSONValue, path: String, level: Int, depth: Int, shape: inout [Int],
                                values: inout [Double], context: ConfigContext) throws {
        if level == depth {
            values.append(try ObjectReader.number(value, path: path, range: -1e300...1e300, context: context))
            return
        }
        guard case .array(let items) = value, !items.isEmpty else {
            throw context.issue(path, "expected a non-empty array (a table of \(depth) nested levels)", value: value)
        }
        if shape.count == level {
            shape.append(items.count)
        } else if shape[level] != items.count {
            throw context.issue(path, "expected \(shape[level]) entries like its siblings", value: value,
                                hint: "every row at this level must have the same length")
        }
        for (i, item) in items.enumerated() {
            try collect(item, path: "\(path)[\(i)]", level: level + 1, depth: depth, shape: &shape, values: &values, context: context)
        }
    }

    /// Checks that every row of the last axis is a probability vector: entries >= 0, sum 1 within 1e-9.
    public func checkProbabilityRows(path: String, context: ConfigContext) throws {
        let width = shape.last ?? 1
        for start in stride(from: 0, to: values.count, by: width) {
            let row = values[start..<start + width]
            let index = Self.index(ofRow: start / width, shape: shape.dropLast()).map { "[\($0)]" }.joined()
            if let negative = row.firstIndex(where: { $0 < 0 }) {
                throw context.issue("\(path)\(index)[\(negative - start)]", "probabilities must be >= 0", value: .number(values[negative]))
            }
            let total = row.reduce(0, +)
            guard abs(total - 1) <= 1e-9 else {
                throw context.issue("\(path)\(index)", "a probability row must sum to 1 within 1e-9", value: .number(total),
                                    hint: "rescale the row so its entries add up to 1")
            }
        }
    }

    /// The multi-index of row number `row` over the leading axes `shape` (row-major).
    private static func index(ofRow row: Int, shape: ArraySlice<Int>) -> [Int] {
        var rest = row
        var result: [Int] = []
        for size in shape.reversed() {
            result.insert(rest % size, at: 0)
            rest /= size
        }
        return result
    }
}
