import Foundation

/// Parses `--seeds` lists: `1..30` (inclusive), `7`, `1,4,9`, or a mix such as `1..5,10..12`.
enum SeedList {
    /// The largest seed a scenario accepts (2^53: seeds travel through JSON numbers).
    static let maximum: UInt64 = 1 << 53

    /// The seeds in the order written.
    /// - Throws: ``CLIError/badValue(option:value:expected:)`` quoting the bad piece: not a number, a
    ///   descending range, a seed above 2^53, a repeated seed, or more than a million seeds.
    static func parse(_ text: String, option: String = "--seeds") throws -> [UInt64] {
        let expected = "seeds like 1..30, 7 or 1,4,9 (integers in 0...2^53, each once)"
        var seeds: [UInt64] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let ends = piece.components(separatedBy: "..")
            guard (1...2).contains(ends.count), let low = UInt64(ends[0]), let high = UInt64(ends.last!),
                  low <= high, high <= maximum, high - low < 1_000_000 else {
                throw CLIError.badValue(option: option, value: piece, expected: expected)
            }
            seeds.append(contentsOf: low...high)
            guard seeds.count <= 1_000_000 else { throw CLIError.badValue(option: option, value: text, expected: expected) }
        }
        var seen = Set<UInt64>()
        for seed in seeds where !seen.insert(seed).inserted {
            throw CLIError.badValue(option: option, value: text, expected: "each seed once (\(seed) is repeated)")
        }
        return seeds
    }

    /// The shortest text ``parse(_:option:)`` reads back as `seeds`: ascending runs become `a..b`.
    static func render(_ seeds: [UInt64]) -> String {
        var pieces: [String] = [], start = 0
        while start < seeds.count {
            var end = start
            while end + 1 < seeds.count, seeds[end + 1] == seeds[end] + 1 { end += 1 }
            pieces.append(end > start ? "\(seeds[start])..\(seeds[end])" : "\(seeds[start])")
            start = end + 1
        }
        return pieces.joined(separator: ",")
    }
}
