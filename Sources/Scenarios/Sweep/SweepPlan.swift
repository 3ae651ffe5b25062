/// The work of a sweep: the cartesian product of the axes (first axis slowest) × policies × seeds, in
/// one canonical order, and its deterministic split into shards.
///
/// Shard i of N takes the items with (seed position + group) ≡ i - 1 (mod N), where group numbers the
/// (point, policy) pairs: a round-robin over seeds that starts one shard later for each group. It
/// depends only on the command line, so every job of a cluster array computes the same split without
/// talking to the others; shard sizes differ by at most the number of seeds mod N. The rotation
/// matters for `sim merge`: with a plain round-robin over the canonical index and N equal to the
/// number of seeds, each shard would hold exactly one seed, and a forgotten shard file would leave no
/// trace; rotated, every seed and every point spreads over several shards (whenever there are two or
/// more groups), so a missing shard shows up as missing runs.
public struct SweepPlan: Sendable, Equatable {
    /// The `--set` axes, in command-line order.
    public let axes: [SweepAxis]
    /// Policy names, in the order runs are made.
    public let policies: [String]
    /// Seeds, in the order given.
    public let seeds: [UInt64]

    /// One run: a point, a policy and a seed.
    public struct Item: Sendable, Equatable {
        /// Position in the canonical order.
        public let index: Int
        /// Index into ``SweepPlan/points``.
        public let point: Int
        /// Policy name.
        public let policy: String
        /// Seed.
        public let seed: UInt64
        /// The shard slot: (seed position + (point, policy) group) — shard i of N takes slot ≡ i - 1.
        public let slot: Int
    }

    public init(axes: [SweepAxis], policies: [String], seeds: [UInt64]) {
        self.axes = axes
        self.policies = policies
        self.seeds = seeds
    }

    /// Every point as `(path, value)` pairs in axis order; the first axis varies slowest.
    /// - Complexity: O(product of the axis lengths × axes).
    public var points: [[Override]] {
        axes.reduce([[]]) { partial, axis in
            partial.flatMap { prefix in axis.values.map { prefix + [Override(path: axis.path, value: $0)] } }
        }
    }

    /// All items in canonical order: point, then policy, then seed.
    public var items: [Item] {
        var list: [Item] = []
        for point in points.indices {
            for (p, policy) in policies.enumerated() {
                let group = point * policies.count + p
                for (s, seed) in seeds.enumerated() {
                    list.append(Item(index: list.count, point: point, policy: policy, seed: seed, slot: s + group))
                }
            }
        }
        return list
    }

    /// The items of shard `shard` (1-based) of `count`.
    /// - Precondition: `1 <= shard <= count`.
    public func items(shard: Int, of count: Int) -> [Item] {
        precondition(count >= 1 && (1...count).contains(shard), "shard \(shard) of \(count) is out of range")
        return items.filter { $0.slot % count == shard - 1 }
    }
}
