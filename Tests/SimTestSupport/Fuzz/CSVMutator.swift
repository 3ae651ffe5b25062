/// Deterministic mutants of a CSV data file: ragged rows, non-numeric and
/// non-finite cells, empty and header-only files, BOM, CRLF and bare CR line ends, truncation, deleted,
/// duplicated and blank lines, renamed header columns, invalid UTF-8 and very long cells. Mutant `index`
/// is a pure function of `(seed, index, source)`.
public struct CSVMutator: Sendable {
    public enum Operator: String, CaseIterable, Sendable {
        case raggedRow, badCell, emptyFile, headerOnly, byteOrderMark, crlf, bareCR, truncate, deleteLines
        case duplicateLine, blankLine, flipBits, longCell, renameHeader, invalidUTF8, extremeValues, stacked
    }

    public struct Mutant: Sendable {
        public let index: Int
        public let operators: [Operator]
        public let bytes: [UInt8]
        public var label: String { "CSV mutant \(index) [\(operators.map(\.rawValue).joined(separator: "+"))]" }
    }

    public let seed: UInt64
    public let source: String

    public init(seed: UInt64, source: String) {
        self.seed = seed
        self.source = source
    }

    public func mutant(_ index: Int) -> Mutant {
        var random = TestRandom(seed: seed &* 0x2_0000_0003 &+ UInt64(index))
        var op = random.pick(Operator.allCases)
        var ops = [op]
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if op == .stacked {
            ops = [random.pick(Self.lineOperators), random.pick(Self.lineOperators)]
            for o in ops { edit(o, &lines, &random) }
            op = random.pick([.byteOrderMark, .crlf, .truncate, .flipBits, .invalidUTF8])
            ops.append(op)
        } else if Self.lineOperators.contains(op) {
            edit(op, &lines, &random)
        }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        switch op {
        case .emptyFile: bytes = random.chance(0.5) ? [] : Array("\n\n".utf8)
        case .headerOnly: bytes = Array((lines.first ?? "") .utf8) + (random.chance(0.5) ? [0x0A] : [])
        case .byteOrderMark: bytes = [0xEF, 0xBB, 0xBF] + bytes
        case .crlf: bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        case .bareCR: bytes = bytes.map { $0 == 0x0A ? 0x0D : $0 }
        case .truncate: bytes = Array(bytes.prefix(random.int(below: max(bytes.count, 1))))
        case .flipBits:
            for _ in 0..<random.int(in: 1...3) where !bytes.isEmpty {
                bytes[random.int(below: bytes.count)] ^= UInt8(1) << UInt8(random.int(below: 8))
            }
        case .invalidUTF8 where !bytes.isEmpty: bytes.insert(random.pick([0xFF, 0xC3, 0x80, 0xFE]), at: random.int(below: bytes.count))
        default: break
        }
        return Mutant(index: index, operators: ops, bytes: bytes)
    }

    static let lineOperators: [Operator] = [.raggedRow, .badCell, .deleteLines, .duplicateLine, .blankLine, .longCell,
                                            .renameHeader, .extremeValues]
    static let badCells = ["abc", "", " ", "NaN", "nan", "inf", "-Infinity", "-", "1,5", "\"1.0\"", "0x1p3", "1e999", "-1e999",
                           "1e308", "-1e308", "1.0.0", "+", "1e-400", "١٢٣", "0.5 0.5", "\t2"]

    private func edit(_ op: Operator, _ lines: inout [String], _ random: inout TestRandom) {
        guard !lines.isEmpty else { return }
        let data = lines.count > 1 ? random.int(in: 1...(lines.count - 1)) : 0
        var cells = lines[data].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        switch op {
        case .raggedRow:
            if random.chance(0.5), !cells.isEmpty { cells.remove(at: random.int(below: cells.count)) } else { cells.append("1") }
            lines[data] = cells.joined(separator: ",")
        case .badCell, .longCell:
            let cell = op == .badCell ? random.pick(Self.badCells) : String(repeating: random.pick(["1", "x", "9."]), count: random.pick([1_000, 100_000]))
            if !cells.isEmpty { cells[random.int(below: cells.count)] = cell }
            lines[data] = cells.joined(separator: ",")
        case .deleteLines: lines.removeSubrange(data..<min(lines.count, data + random.pick([1, 5, 50, 1_000])))
        case .duplicateLine: lines.insert(lines[data], at: data)
        case .blankLine: lines.insert(random.pick(["", " ", ",,,"]), at: data)
        case .renameHeader:
            var header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if !header.isEmpty {
                let i = random.int(below: header.count)
                header[i] = random.pick([header[i].uppercased(), header[i] + " ", "", header[(i + 1) % header.count]])
            }
            lines[0] = header.joined(separator: ",")
        default:  // extremeValues: a whole column of huge magnitudes, to provoke overflow downstream
            let column = random.int(below: max(cells.count, 1))
            let value = random.pick(["1e300", "-1e300", "1e-300", "1e154", "0"])
            for i in 1..<lines.count {
                var row = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if column < row.count { row[column] = value }
                lines[i] = row.joined(separator: ",")
            }
        }
    }
}
