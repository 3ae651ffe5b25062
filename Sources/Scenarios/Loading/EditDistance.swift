/// Levenshtein distance, for "did you mean" suggestions on unknown keys, kinds and flags.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions turning `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count), current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate within a distance of max(2, a third of its length), if any.
    ///
    /// Candidates whose length alone differs by more than the allowed distance are skipped before the
    /// O(|a|·|b|) table is built: a fuzzed 300 kB key took a second per error otherwise.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let length = word.count, limit = max(2, length / 3)
        let near = candidates.filter { (candidate: String) -> Bool in abs(candidate.count - length) <= limit }
        let scored: [(String, Int)] = near.map { ($0, between(word, $0)) }
        let sorted = scored.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let best = sorted.first, best.1 <= limit else { return nil }
        return best.0
    }
}
