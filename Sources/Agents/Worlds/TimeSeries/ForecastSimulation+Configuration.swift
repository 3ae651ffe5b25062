import Engine

extension ForecastSimulation {
    /// Everything a run is configured with besides its data: one value, so the checkpoint's configuration
    /// digest (``digest(data:)``) covers every field, and a setting added here is covered without anyone
    /// listing it.
    public struct Configuration: Encodable, Sendable {
        public let seed: UInt64
        /// N.
        public let clients: Int
        /// Clients per chunk of the parallel work (sums over clients follow the chunks).
        public let chunkSize: Int
        /// The clients' encoders (the policy's override, or the world's).
        public let encoder: EncoderConfig
        public let mixture: MixtureConfig
        public let policy: any ForecastPolicy
        public let evaluation: CostWeights
        public let persistenceExpert: Bool
        /// Whether the `worstClientRegret` comparator's sums are kept (N (d_z² + d_z) numbers and
        /// O(N d_y d_z²) work a round); without them the metric is NaN.
        public let regret: Bool

        private enum CodingKeys: String, CodingKey {
            case seed, clients, chunkSize, encoder, mixture, policyKind, policy, evaluation, persistenceExpert, regret
        }

        /// Every field, the policy with its family's `kind` first (two families with equal settings differ).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(seed, forKey: .seed)
            try c.encode(clients, forKey: .clients)
            try c.encode(chunkSize, forKey: .chunkSize)
            try c.encode(self.encoder, forKey: .encoder)
            try c.encode(mixture, forKey: .mixture)
            try c.encode(policy.kind, forKey: .policyKind)
            try c.encode(policy, forKey: .policy)
            try c.encode(evaluation, forKey: .evaluation)
            try c.encode(persistenceExpert, forKey: .persistenceExpert)
            try c.encode(regret, forKey: .regret)
        }

        /// The digest of `data`'s inputs and targets and of every field (``StateDigest/of(_:)``).
        func digest(data: TimeSeriesData) -> UInt64 {
            var d = StateDigest()
            d.add(data.inputs.elements)
            d.add(data.targets.elements)
            do {
                d.add(try StateDigest.of(self))
            } catch {
                // Only a dictionary or a set fails to encode, and no configuration type holds one.
                preconditionFailure("a forecast configuration cannot be digested: \(error)")
            }
            return d.value
        }
    }
}
