import Engine

extension FedOptWorld {
    /// Everything a federated world changes while it runs, as one value: what a checkpoint saves (with
    /// ``StateEncoder``) and restores. The sampler's scratch is not state (a synchronous round draws and
    /// uses its sample within one event).
    public struct State: Codable, Sendable, Equatable {
        /// The global model w.
        public internal(set) var model: [Double]
        /// Aggregations applied in the running episode (the model version).
        public internal(set) var round = 0
        /// The current episode, -1 before the first.
        public internal(set) var episode = -1
        /// Per-episode results and loss curves.
        public internal(set) var metrics = FedOptMetrics()
        /// When the running episode started.
        public internal(set) var episodeStart: SimTime = 0
        /// Messages sent in the running episode (downloads and uploads).
        public internal(set) var messages = 0
        /// Whether F(w) − F* ≤ targetLoss has held in the running episode.
        public internal(set) var reachedTarget = false
        /// When and after how many rounds the running episode reached the target; recorded when the
        /// episode ends, so an episode cut short by an interrupt leaves no trace in the metrics.
        public internal(set) var targetTime: SimTime = 0, targetRounds = 0
        /// The aggregation state of the world's mode.
        public internal(set) var rounds: FedOptRounds

        /// The state before the first episode.
        init(problem: FedOptProblem, mode: FedOptConfig.Mode) {
            model = [Double](repeating: 0, count: problem.dimension)
            rounds = FedOptRounds(mode: mode, clients: problem.clients, dimension: problem.dimension)
        }
    }
}
