import Engine

extension TabularWorld {
    /// Everything a tabular world changes while it runs, as one value: what a checkpoint saves (with
    /// ``StateEncoder``, so a field added here is saved without anyone listing it) and restores. The
    /// subsampler's scratch table is not state (every draw starts clean).
    public struct State: Codable, Sendable, Equatable {
        /// The local agents' states and histogram.
        public internal(set) var population: TabularPopulation
        /// s_g.
        public internal(set) var globalState = 0
        /// a_g chosen at the last `globalStep`.
        public internal(set) var globalAction = 0
        /// Counts of the last k-subsample, by local state.
        public internal(set) var counts: [Int]
        /// The current episode, -1 before the first.
        public internal(set) var episode = -1
        /// The running episode's Σ_t γ^t r_t.
        public internal(set) var episodeReturn: DiscountedReturn
        /// Steps of the running episode in which s_g was the population's modal local state.
        public internal(set) var episodeModeHits = 0
        /// Per-episode results and the per-step reward series.
        public internal(set) var metrics: TabularMetrics

        /// The state before the first episode.
        init(game: TabularGame, config: TabularWorldConfig) {
            population = TabularPopulation(count: config.agents, localStates: game.localStates)
            counts = [Int](repeating: 0, count: game.localStates)
            episodeReturn = DiscountedReturn(gamma: config.gamma)
            metrics = TabularMetrics(modeAccuracyDefined: game.globalStates == game.localStates)
        }
    }
}
