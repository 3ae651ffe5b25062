/// Checks that merged sweep outputs cover their sweep exactly once (`sim merge`), and says where the
/// gaps are: per file, the runs of its shard that no file holds, and the shards no file was given for.
///
/// The expected runs come from the sweep's header (``SweepIdentity``): every point of its axes ×
/// policies × seeds. A shard file cut short by a time limit therefore shows up as the runs of that
/// shard still to do, and a forgotten shard file as a shard with no file.
public struct SweepCoverage: Sendable {
    /// One output given to the merge.
    public struct File: Sendable {
        public let name: String
        public let shard: SweepIdentity.Shard?
        public let records: [SweepRecord]
        public init(name: String, shard: SweepIdentity.Shard?, records: [SweepRecord]) {
            self.name = name
            self.shard = shard
            self.records = records
        }
    }

    /// The runs of one file's shard (or of the whole sweep, for an unsharded file) that no file holds.
    public struct Gap: Sendable {
        /// The file, or nil for a shard that no file was given for.
        public let file: String?
        public let shard: SweepIdentity.Shard?
        /// How many runs the shard has.
        public let expected: Int
        /// Run keys (``SweepRecord/runKey``) of its missing runs, in canonical order.
        public let missing: [String]
    }

    /// Run keys that appear more than once, in first-duplicate order.
    public let duplicates: [String]
    /// Run keys of every expected run that no record has, in canonical order.
    public let missing: [String]
    /// Where the missing runs belong: the given files first (in the order given), then the shards
    /// without a file (when all files split the sweep the same way), then runs that belong to no
    /// given file's shard.
    public let gaps: [Gap]

    /// Checks `files`, all outputs of the sweep `identity` (their headers already compared).
    /// - Complexity: O(runs of the sweep + records).
    public init(identity: SweepIdentity, files: [File]) {
        var seen = Set<String>(), duplicateList: [String] = []
        for file in files {
            for record in file.records where !seen.insert(record.runKey).inserted { duplicateList.append(record.runKey) }
        }
        duplicates = duplicateList
        let plan = identity.plan, points = plan.points
        let key = { (item: SweepPlan.Item) in SweepRecord(point: points[item.point], policy: item.policy, seed: item.seed, metrics: []).runKey }
        let items = plan.items
        let missingItems = items.filter { !seen.contains(key($0)) }
        missing = missingItems.map(key)
        func holds(_ shard: SweepIdentity.Shard?, _ item: SweepPlan.Item) -> Bool {
            shard.map { item.slot % $0.count == $0.index - 1 } ?? true
        }
        var gaps: [Gap] = []
        for file in files {
            let owned = missingItems.filter { holds(file.shard, $0) }
            guard !owned.isEmpty else { continue }
            gaps.append(Gap(file: file.name, shard: file.shard, expected: items.filter { holds(file.shard, $0) }.count, missing: owned.map(key)))
        }
        let unclaimed = missingItems.filter { item in !files.contains { holds($0.shard, item) } }
        let counts = Set(files.compactMap { $0.shard?.count })
        if let count = counts.first, counts.count == 1, files.allSatisfy({ $0.shard != nil }) {
            for index in 1...count {
                let shard = SweepIdentity.Shard(index: index, count: count)
                let owned = unclaimed.filter { holds(shard, $0) }
                guard !owned.isEmpty else { continue }
                gaps.append(Gap(file: nil, shard: shard, expected: items.filter { holds(shard, $0) }.count, missing: owned.map(key)))
            }
        } else if !unclaimed.isEmpty {
            gaps.append(Gap(file: nil, shard: nil, expected: unclaimed.count, missing: unclaimed.map(key)))
        }
        self.gaps = gaps
    }

    /// Whether every expected run appears exactly once.
    public var isComplete: Bool { duplicates.isEmpty && missing.isEmpty }
}
