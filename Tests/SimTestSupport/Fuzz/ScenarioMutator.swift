import Foundation

/// Deterministic mutants of a JSON5 document. Mutant `index` of a seed is a pure
/// function of `(seed, index, source)`, so a failure report names everything needed to rebuild it
/// (``mutant(_:)``).
///
/// Two families: byte-level edits of the original text (flips, truncation, deletions, duplicated spans,
/// BOM, CRLF, stray comment openers) that exercise the syntax scanner, and tree edits (deleted,
/// duplicated and renamed keys, type swaps, huge, negative, fractional and non-finite numbers, deep
/// nesting, long strings, resized arrays) that get past the syntax and exercise validation.
public struct ScenarioMutator: Sendable {
    /// The operators, in the order their names appear in reports.
    public enum Operator: String, CaseIterable, Sendable {
        case flipBits, truncate, deleteSpan, duplicateSpan, insertByte, byteOrderMark, crlf, commentOpener
        case deleteKey, duplicateKey, renameKey, addKey, typeSwap, hugeNumber, negativeNumber, boundaryNumber
        case fractionalNumber, nonFinite, deepNesting, longString, resizeArray, stacked
    }

    /// One mutant and how it was made.
    public struct Mutant: Sendable {
        public let index: Int
        public let operators: [Operator]
        public let bytes: [UInt8]
        /// A one-line description for failure messages (the bytes are too long to print).
        public var label: String { "mutant \(index) [\(operators.map(\.rawValue).joined(separator: "+"))]" }
    }

    public let seed: UInt64
    public let source: [UInt8]
    private let tree: FuzzTree?
    private let paths: [[Int]]

    public init(seed: UInt64, source: String) {
        self.seed = seed
        self.source = Array(source.utf8)
        tree = try? FuzzTree.parse(source)
        paths = tree?.allPaths ?? []
    }

    /// Mutant number `index`.
    public func mutant(_ index: Int) -> Mutant {
        var random = TestRandom(seed: seed &* 0x1_0000_0001 &+ UInt64(index))
        var op = random.pick(Operator.allCases)
        if tree == nil && Self.treeOperators.contains(op) { op = .flipBits }
        if op == .stacked {
            // Two tree edits then one byte edit: combinations reach states single edits do not.
            guard let tree else { return Mutant(index: index, operators: [.flipBits], bytes: byteEdit(.flipBits, source, &random)) }
            var edited = tree
            let first = random.pick(Self.treeOperators), second = random.pick(Self.treeOperators)
            treeEdit(first, &edited, &random)
            treeEdit(second, &edited, &random)
            let third = random.pick(Self.byteOperators)
            return Mutant(index: index, operators: [first, second, third], bytes: byteEdit(third, Array(edited.text.utf8), &random))
        }
        if Self.byteOperators.contains(op) { return Mutant(index: index, operators: [op], bytes: byteEdit(op, source, &random)) }
        var edited = tree!
        treeEdit(op, &edited, &random)
        return Mutant(index: index, operators: [op], bytes: Array(edited.text.utf8))
    }

    static let byteOperators: [Operator] = [.flipBits, .truncate, .deleteSpan, .duplicateSpan, .insertByte,
                                            .byteOrderMark, .crlf, .commentOpener]
    static let treeOperators: [Operator] = [.deleteKey, .duplicateKey, .renameKey, .addKey, .typeSwap, .hugeNumber,
                                            .negativeNumber, .boundaryNumber, .fractionalNumber, .nonFinite,
                                            .deepNesting, .longString, .resizeArray]

    // MARK: Byte edits

    private func byteEdit(_ op: Operator, _ input: [UInt8], _ random: inout TestRandom) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return [random.pick(Self.interestingBytes)] }
        let at = random.int(below: bytes.count)
        switch op {
        case .flipBits:
            for _ in 0..<random.int(in: 1...4) { bytes[random.int(below: bytes.count)] ^= UInt8(1) << UInt8(random.int(below: 8)) }
        case .truncate:
            bytes.removeSubrange(at...)
        case .deleteSpan:
            bytes.removeSubrange(at..<min(bytes.count, at + random.int(in: 1...40)))
        case .duplicateSpan:
            let span = bytes[at..<min(bytes.count, at + random.int(in: 1...80))]
            bytes.insert(contentsOf: span, at: random.int(below: bytes.count))
        case .insertByte:
            bytes.insert(random.pick(Self.interestingBytes), at: at)
        case .byteOrderMark:
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: random.chance(0.7) ? 0 : at)
        case .crlf:
            bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            if random.chance(0.3) { bytes = bytes.map { $0 == 0x0A ? 0x0D : $0 } }  // bare CR line ends
        default:
            bytes.insert(contentsOf: Array(random.pick(["/*", "//", "\"", "'", "{", "[", "\\", "\\u12"]).utf8), at: at)
        }
        return bytes
    }

    static let interestingBytes: [UInt8] = [0x00, 0x0A, 0x0D, 0x22, 0x27, 0x2C, 0x2F, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C,
                                            0x80, 0xC3, 0xFF, 0xFE, 0x09, 0x2A, 0x2D, 0x2E, 0x65]

    // MARK: Tree edits

    private func treeEdit(_ op: Operator, _ tree: inout FuzzTree, _ random: inout TestRandom) {
        let all = tree.allPaths
        let path = random.pick(all)[...]
        let node = tree[path]
        switch op {
        case .deleteKey, .duplicateKey, .renameKey, .addKey:
            let objects = all.filter { if case .object = tree[$0[...]] { return true }; return false }
            guard let target = objects.isEmpty ? nil : random.pick(objects)[...],
                  case .object(var members) = tree[target] else { return }
            let i = members.isEmpty ? 0 : random.int(below: members.count)
            switch op {
            case .deleteKey where !members.isEmpty: members.remove(at: i)
            case .duplicateKey where !members.isEmpty:
                var copy = members[i]
                if random.chance(0.5) { copy.value = Self.replacement(for: copy.value, &random) }
                members.insert(copy, at: random.int(below: members.count + 1))
            case .renameKey where !members.isEmpty: members[i].key = Self.misspell(members[i].key, &random)
            default: members.insert(FuzzTree.Member(random.pick(Self.strayKeys), Self.replacement(for: .null, &random)),
                                    at: random.int(below: members.count + 1))
            }
            tree[target] = .object(members)
        case .typeSwap: tree[path] = Self.replacement(for: node, &random)
        case .hugeNumber: tree[path] = .raw(random.pick(Self.hugeLiterals))
        case .negativeNumber:
            if case .number(let d) = node { tree[path] = .number(d == 0 ? -1 : -d) } else { tree[path] = .number(-Double(random.int(in: 1...1_000))) }
        case .boundaryNumber: tree[path] = .number(random.pick(Self.boundaryValues))
        case .fractionalNumber:
            if case .number(let d) = node { tree[path] = .number(d + random.pick([0.5, 1e-9, -0.25, 0.1])) } else { tree[path] = .number(0.5) }
        case .nonFinite: tree[path] = .raw(random.pick(["NaN", "Infinity", "-Infinity", "+Infinity", "-NaN"]))
        case .deepNesting:
            let depth = random.pick([8, 64, 200, 513, 5_000, 100_000])
            let (open, close) = random.chance(0.5) ? ("[", "]") : ("{\"a\":", "}")
            tree[path] = .raw(String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth))
        case .longString:
            let unit = random.pick(["x", "é", "\\n", "\"", "\u{0}", "😀", "a.b", "\\u0000", "[0]"])
            let count = random.pick([100, 5_000, 100_000])
            let text = String(repeating: unit, count: count)
            if random.chance(0.3), case .object(var members) = tree[path], !members.isEmpty {
                members[random.int(below: members.count)].key = text  // a huge key: it lands in error paths
                tree[path] = .object(members)
            } else {
                tree[path] = .raw("\"" + text + "\"")
            }
        default:  // resizeArray
            guard case .array(var items) = node else { tree[path] = .array([node, node]); return }
            if items.isEmpty || random.chance(0.5) {
                items.append(items.last ?? .number(1))
                if random.chance(0.2) { items = Array(repeating: items[0], count: 3_000) }
            } else {
                items.remove(at: random.int(below: items.count))
            }
            tree[path] = .array(items)
        }
    }

    static let hugeLiterals = ["1e308", "1e309", "1e999", "-1e999", "9007199254740993", "9223372036854775807",
                               "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e15",
                               "4294967296", "2147483648", "1000000000000", "0x7FFFFFFFFFFFFFFF", "1e-400", "123456789012345678901234567890"]
    static let boundaryValues: [Double] = [0, -0.0, 1, 2, 3, 255, 256, 257, 65_535, 65_536, 1e6, 2_147_483_647, -1, 0.999_999_999_9]
    static let strayKeys = ["", "kind", "extra", "__proto__", "k", "every", "0", "world.kind", "\u{0}", "café", "a b"]

    static func replacement(for node: FuzzTree, _ random: inout TestRandom) -> FuzzTree {
        let choices: [FuzzTree] = [.null, .bool(true), .number(1), .number(0), .string(""), .string("ring-zones"),
                                   .array([]), .array([.number(1)]), .object([]), .object([FuzzTree.Member("kind", .string("random"))])]
        var pick = random.pick(choices)
        while pick == node { pick = random.pick(choices) }
        return pick
    }

    static func misspell(_ key: String, _ random: inout TestRandom) -> String {
        var chars = Array(key)
        guard !chars.isEmpty else { return "x" }
        let i = random.int(below: chars.count)
        switch random.int(below: 4) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(chars[i], at: i)
        case 2: chars[i] = Character(chars[i].uppercased())
        default: chars.swapAt(i, random.int(below: chars.count))
        }
        return String(chars)
    }
}
