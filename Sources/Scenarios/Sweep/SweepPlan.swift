/// The work of a sweep: the cartesian product of the axes (first axis slowest) × policies × seeds, in
/// one canonical order, and its deterministic split into shards (DESIGN.md "The command-line tool").
///
/// Shard i of N takes the items whose canonical index is ≡ i - 1 (mod N). Round-robin keeps shards
/// balanced when the cost grows along an axis (larger n, larger k), and depends only on the command
/// line, so every job of a cluster array computes the same split without talking to the others.
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
            for policy in policies {
                for seed in seeds { list.append(Item(index: list.count, point: point, policy: policy, seed: seed)) }
            }
        }
        return list
    }

    /// The items of shard `shard` (1-based) of `count`.
    /// - Precondition: `1 <= shard <= count`.
    public func items(shard: Int, of count: Int) -> [Item] {
        precondition(count >= 1 && (1...count).contains(shard), "shard \(shard) of \(count) is out of range")
        return items.filter { $0.index % count == shard - 1 }
    }
}
