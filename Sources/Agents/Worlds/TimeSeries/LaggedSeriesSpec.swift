/// How a `csv` world turns named columns into a ``TimeSeriesData`` window (the module README, "Time-series
/// prediction", `csv`; "Datasets and their conventions"). Pure data shaping: file reading lives in Scenarios.
public struct LaggedSeriesSpec: Sendable, Equatable {
    /// A block of input columns sharing one lag list. x_t lists the blocks in order; within a block, all
    /// its columns at the first lag, then all at the next lag, … (FedMOE's ETT window: six loads at lag
    /// 0, at lag 1, at lag 2; then OT at lags 0 and 1).
    public struct InputBlock: Sendable, Equatable {
        public var columns: [String]
        public var lags: [Int]
        /// When true, the feature of column v at lag ℓ is the one-row difference v_{t−ℓ} − v_{t−ℓ−1} of
        /// the raw column instead of the level v_{t−ℓ} (the window's normalization then scales it like
        /// any input). A difference that reaches before the window (t − ℓ − 1 < 0) is 0, not
        /// v_{t−ℓ} − 0: the window's first level would otherwise enter as a spurious jump.
        public var difference: Bool
        public init(columns: [String], lags: [Int], difference: Bool = false) {
            self.columns = columns
            self.lags = lags
            self.difference = difference
        }
    }

    /// The target column.
    public var target: String
    /// Input blocks in order.
    public var inputs: [InputBlock]
    /// First row of the window (0-based data row).
    public var start: Int
    /// R: the window has R + 1 rows.
    public var rounds: Int
    /// Normalization of the cut window.
    public var normalization: SeriesNormalization

    public init(target: String, inputs: [InputBlock], start: Int = 0, rounds: Int,
                normalization: SeriesNormalization = .none) {
        self.target = target
        self.inputs = inputs
        self.start = start
        self.rounds = rounds
        self.normalization = normalization
    }

    /// The `ett` preset: target OT; inputs HUFL, HULL, MUFL, MULL, LUFL, LULL at lags 0, 1, 2 (blocks of
    /// six per lag) then OT at lags 0, 1; rows 0 … 2000; `windowMax`. `validation` starts at row 3500.
    public static func ett(validation: Bool = false) -> LaggedSeriesSpec {
        LaggedSeriesSpec(target: "OT",
                         inputs: [InputBlock(columns: ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL"], lags: [0, 1, 2]),
                                  InputBlock(columns: ["OT"], lags: [0, 1])],
                         start: validation ? 3500 : 0, rounds: 2000, normalization: .windowMax)
    }

    /// The `boc` preset: target USD_CLOSE; inputs AUD, EUR, GBP, JPY at lags 0 and 1 (four per lag), then
    /// USD at lags 0 and 1; rows 0 … 2000; no normalization. `validation` starts at row 1600.
    public static func boc(validation: Bool = false) -> LaggedSeriesSpec {
        LaggedSeriesSpec(target: "USD_CLOSE",
                         inputs: [InputBlock(columns: ["AUD_CLOSE", "EUR_CLOSE", "GBP_CLOSE", "JPY_CLOSE"], lags: [0, 1]),
                                  InputBlock(columns: ["USD_CLOSE"], lags: [0, 1])],
                         start: validation ? 1600 : 0, rounds: 2000, normalization: .none)
    }

    /// Every column the spec reads.
    public var columnsRead: [String] {
        var seen: [String] = []
        for name in [target] + inputs.flatMap(\.columns) where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// The (column, lag, difference) triples of x_t in order.
    public var features: [(column: String, lag: Int, difference: Bool)] {
        inputs.flatMap { block in block.lags.flatMap { lag in block.columns.map { ($0, lag, block.difference) } } }
    }

    /// Builds the window from full columns (all of equal length). Lagged values before `start` are 0
    /// (the lags are built on the cut window, as FedMOE does); so is a difference that needs a row
    /// before `start` (``InputBlock/difference``).
    /// - Returns: nil when the file has fewer than `start + rounds + 1` rows or a column is missing —
    ///   the caller reports which (see ``requiredRows``).
    public func window(columns: [String: [Double]]) -> TimeSeriesData? {
        guard let y = columns[target], y.count >= requiredRows else { return nil }
        let feats = features
        var inputMatrix = Matrix(rows: rounds + 1, columns: feats.count)
        for (j, f) in feats.enumerated() {
            guard let col = columns[f.column], col.count >= requiredRows else { return nil }
            if f.difference {
                for t in 0...rounds where t - f.lag - 1 >= 0 {
                    inputMatrix[t, j] = col[start + t - f.lag] - col[start + t - f.lag - 1]
                }
            } else {
                for t in 0...rounds where t - f.lag >= 0 { inputMatrix[t, j] = col[start + t - f.lag] }
            }
        }
        let targets = Matrix.column(Array(y[start...(start + rounds)]))
        return normalization.apply(TimeSeriesData(inputs: inputMatrix, targets: targets))
    }

    /// Rows the file must have: start + R + 1.
    public var requiredRows: Int { start + rounds + 1 }
}
