import Agents

/// `sim tables --k K --states L [--rank R | --counts c0,c1,…]`: the order of the count vectors that
/// index a tabular policy's `global` table and a trained policy file's rows. Prints every rank with its
/// count vector, or looks one up either way.
struct TablesCommand: Equatable {
    /// k, the sample size, and L, the number of local states.
    let k: Int, states: Int
    /// Look up one rank, or one count vector.
    let rank: Int?, counts: [Int]?

    static let valued = ["--k", "--states", "--rank", "--counts"]
    /// Listing every rank stops being useful (and fast) past this many count vectors.
    static let listLimit = 100_000

    init(_ tokens: ArgumentTokens) throws {
        if let extra = tokens.positionals.first { throw CLIError.unexpectedArgument(extra, command: "tables") }
        k = try Self.integer(tokens, "--k", in: 0...1_000, required: true)!
        states = try Self.integer(tokens, "--states", in: 1...255, required: true)!
        rank = try Self.integer(tokens, "--rank", in: 0...Int(Int32.max), required: false)
        counts = try tokens.last("--counts").map { text in
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.allSatisfy({ $0 != nil && $0! >= 0 }) else {
                throw CLIError.badValue(option: "--counts", value: text, expected: "comma-separated whole numbers, e.g. 3,0,2")
            }
            return parts.map { $0! }
        }
        if rank != nil && counts != nil { throw CLIError.conflict("--rank and --counts look up opposite ways; give one") }
    }

    private static func integer(_ tokens: ArgumentTokens, _ name: String, in range: ClosedRange<Int>, required: Bool) throws -> Int? {
        guard let text = tokens.last(name) else {
            if required { throw CLIError.missingArgument(name + " N", command: "tables") }
            return nil
        }
        guard let value = Int(text), range.contains(value) else {
            throw CLIError.badValue(option: name, value: text, expected: "a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func execute(console: inout Console) throws {
        guard let size = CountVectorSpace.size(k: k, states: states), size <= Int(Int32.max) else {
            throw CLIError.conflict("k = \(k) over \(states) local states gives more than 2^31 count vectors; no table is that large")
        }
        let space = CountVectorSpace(k: k, states: states)
        var vector: [Int] = []
        if let counts {
            guard counts.count == states, counts.reduce(0, +) == k else {
                throw CLIError.badValue(option: "--counts", value: counts.map(String.init).joined(separator: ","),
                                        expected: "\(states) entries summing to k = \(k)")
            }
            return console.out("rank \(space.rank(counts)) of \(size): counts \(counts.map(String.init).joined(separator: ","))")
        }
        if let rank {
            guard rank < size else { throw CLIError.badValue(option: "--rank", value: String(rank), expected: "a rank below \(size)") }
            space.unrank(rank, into: &vector)
            return console.out("rank \(rank) of \(size): counts \(vector.map(String.init).joined(separator: ","))")
        }
        guard size <= Self.listLimit else {
            throw CLIError.conflict("\(size) count vectors are too many to list; look one up with --rank R or --counts c0,c1,…")
        }
        console.out("\(size) count vectors of k = \(k) agents over \(states) local states (rank: counts of states 0…\(states - 1))")
        for r in 0..<size {
            space.unrank(r, into: &vector)
            console.out("\(r): \(vector.map(String.init).joined(separator: ","))")
        }
    }
}
