/// How G-LEARN turns the induced local chain into transitions between count vectors (the module
/// README, "Tabular mean-field game", G-LEARN).
public enum CountTransitionMethod: Sendable, Equatable {
    /// The exact law of counts': the sum over states j of independent Multinomial(c_j, P~_l(· | j)).
    /// Rows have up to C(k+L-1, L-1) entries, so a sweep costs O(|S_g| · count²): small k only.
    case exact
    /// `samples` independent draws of counts' per (s_g, counts), from the `learner` stream of `seed`
    /// (cell agent = row index); duplicates are merged, so a row holds at most `samples` entries.
    case monteCarlo(samples: Int, seed: UInt64)
    /// `samples` draws per (s_g, counts) of a fresh k-subsample of the evolved population, as deployment
    /// observes it: the population is taken to be distributed as counts/k, it moves by P~_l, and the
    /// next observation is k independent draws from the result,
    ///   counts' ~ Multinomial(k, μ'),  μ'(s') = Σ_j (c_j / k) P~_l(s' | j, s_g, s_g^T),
    /// from the same `learner` stream cells as `monteCarlo` (so the two differ only in the model).
    case subsample(samples: Int, seed: UInt64)
    /// The deterministic mean field: E[counts'] = Σ_j c_j P~_l(· | j) rounded to integers summing to k
    /// by the largest-remainder method (ties to the lowest state), as the paper's reference code does.
    case rounding

    /// The scenario-file spelling.
    public var label: String {
        switch self {
        case .exact: return "exact"
        case .monteCarlo: return "monteCarlo"
        case .subsample: return "subsample"
        case .rounding: return "rounding"
        }
    }
}
