import Engine

extension RobotsContinuousWorld {
    /// Everything a continuous-robots world changes while it runs, as one value: what a checkpoint
    /// saves (with ``StateEncoder``) and restores. The subsampler's scratch is not state.
    public struct State: Codable, Sendable, Equatable {
        /// s_i.
        public internal(set) var positions: [Double]
        /// s_g.
        public internal(set) var globalState = 0.0
        /// a_g chosen at the last `globalStep`.
        public internal(set) var globalAction = 0
        /// Histogram of the last k-subsample over the policy's observation bins.
        public internal(set) var counts: [Int]
        /// Histogram of the whole population over ``RobotsContinuousDynamics/observationBins`` (for mode accuracy).
        public internal(set) var populationHistogram: [Int]
        /// The current episode, -1 before the first.
        public internal(set) var episode = -1
        /// The running episode's Σ_t γ^t r_t.
        public internal(set) var episodeReturn: DiscountedReturn
        /// Steps of the running episode in which bin(s_g) was the population's modal bin.
        public internal(set) var episodeModeHits = 0
        /// Per-episode results and the per-step reward series.
        public internal(set) var metrics = TabularMetrics(modeAccuracyDefined: true)

        /// The state before the first episode.
        init(agents: Int, observationBins: Int, robots: RobotsContinuousDynamics, gamma: Double) {
            positions = [Double](repeating: 0, count: agents)
            counts = [Int](repeating: 0, count: observationBins)
            populationHistogram = [Int](repeating: 0, count: robots.observationBins)
            episodeReturn = DiscountedReturn(gamma: gamma)
        }
    }
}
