/// Reads that validate as they go, so that a model's `restore` states each field's legal values in
/// the line that reads it. Every failure is ``CheckpointError/corrupt(_:)`` naming the field.
extension StateReader {
    /// An integer in `range`.
    public mutating func readInt(in range: ClosedRange<Int>, _ field: String) throws -> Int {
        let value = try readInt()
        guard range.contains(value) else { throw CheckpointError.corrupt("\(field) is \(value), outside \(range.lowerBound)...\(range.upperBound)") }
        return value
    }

    /// A finite number, within `range` when one is given.
    public mutating func readFinite(_ field: String, in range: ClosedRange<Double>? = nil) throws -> Double {
        let value = try readDouble()
        guard value.isFinite, range.map({ $0.contains(value) }) ?? true else {
            throw CheckpointError.corrupt("\(field) is \(value), expected a finite number" + (range.map { " in \($0.lowerBound)...\($0.upperBound)" } ?? ""))
        }
        return value
    }

    /// A list of finite numbers of length `count` (any length when nil).
    public mutating func readFiniteDoubles(_ field: String, count: Int? = nil) throws -> [Double] {
        let values = try readDoubles()
        try Self.check(values, field, count: count)
        return values
    }

    /// A list of integers in `range`, of length `count` (any length when nil).
    public mutating func readInts(_ field: String, count: Int? = nil, in range: ClosedRange<Int>) throws -> [Int] {
        let values = try readInts()
        guard count.map({ $0 == values.count }) ?? true else { throw CheckpointError.corrupt("\(field) has \(values.count) entries, expected \(count!)") }
        guard values.allSatisfy(range.contains) else {
            throw CheckpointError.corrupt("\(field) holds a value outside \(range.lowerBound)...\(range.upperBound)")
        }
        return values
    }

    /// Checks that `values` are finite and, when `count` is given, that many.
    public static func check(_ values: [Double], _ field: String, count: Int? = nil) throws {
        guard count.map({ $0 == values.count }) ?? true else { throw CheckpointError.corrupt("\(field) has \(values.count) entries, expected \(count!)") }
        guard values.allSatisfy(\.isFinite) else { throw CheckpointError.corrupt("\(field) holds a number that is not finite") }
    }
}
