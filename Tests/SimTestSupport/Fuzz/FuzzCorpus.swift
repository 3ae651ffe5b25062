import Foundation

/// The scenario fuzz corpus: every `Scenarios/*.json5` file (so new examples are fuzzed as they land)
/// plus ``FuzzSeeds``, and the campaign plan: which mutant of which file runs, in what order.
///
/// Files that load large data sets (the ETT and BOC presets read thousands of CSV rows; about a second
/// each in a debug build) get a small quota, so the campaign stays within its time budget however many
/// such examples are added; the other files share the rest equally. A mutant is named by its file,
/// the file's seed and its index in that file, which does not depend on the plan.
public struct FuzzCorpus: Sendable {
    public struct Entry: Sendable {
        /// Name in messages (`Scenarios/quickstart.json5`).
        public let name: String
        public let text: String
        /// The folder relative references resolve against.
        public let directory: String

        public init(name: String, text: String, directory: String) {
            self.name = name
            self.text = text
            self.directory = directory
        }
    }

    public let entries: [Entry]
    /// One mutator per entry, seeded from the campaign seed and the entry's position.
    public let mutators: [ScenarioMutator]
    /// `(entry, mutant index)` in campaign order (round-robin over the entries until each quota is met).
    public private(set) var plan: [(entry: Int, mutant: Int)] = []
    /// Mutants per entry.
    public private(set) var quotas: [Int] = []

    /// - Parameters:
    ///   - total: mutants in the campaign.
    ///   - cost: seconds to load an entry's unmutated text (measured once by the caller).
    ///   - heavyBudget: seconds of base-load time a costly entry may take in all.
    public init(seed: UInt64, total: Int, heavyBudget: Double = 2, cost: (Entry) -> Double) throws {
        let examples = try RepositoryFiles.scenarioFiles().map {
            Entry(name: "Scenarios/" + $0.lastPathComponent, text: try String(contentsOf: $0, encoding: .utf8),
                  directory: $0.deletingLastPathComponent().path)
        }
        entries = examples + FuzzSeeds.all.map { Entry(name: $0.name, text: $0.text, directory: RepositoryFiles.root.path) }
        mutators = entries.enumerated().map { ScenarioMutator(seed: seed &+ UInt64($0.offset) &* 1_000_003, source: $0.element.text) }
        let costs = entries.map(cost)
        let equal = total / max(entries.count, 1)
        // Heavy: the equal share would take more than the budget. They get what the budget buys (at least 20).
        var quotas = costs.map { c -> Int? in Double(equal) * c > heavyBudget ? max(20, Int(heavyBudget / c)) : nil }
        let light = quotas.indices.filter { quotas[$0] == nil }
        let left = max(0, total - quotas.compactMap { $0 }.reduce(0, +))
        for (rank, i) in light.enumerated() { quotas[i] = left / light.count + (rank < left % light.count ? 1 : 0) }
        self.quotas = quotas.map { $0 ?? 0 }
        var counts = [Int](repeating: 0, count: entries.count)
        while plan.count < self.quotas.reduce(0, +) {
            for i in entries.indices where counts[i] < self.quotas[i] {
                plan.append((i, counts[i]))
                counts[i] += 1
            }
        }
    }

    /// Mutant `index` of entry `entry`, with a label naming everything needed to rebuild it
    /// (`FUZZ_ONLY=<file name>:<index>` reruns it).
    public func mutant(entry: Int, index: Int) -> (entry: Entry, mutant: ScenarioMutator.Mutant, label: String) {
        let mutant = mutators[entry].mutant(index)
        return (entries[entry], mutant, "\(entries[entry].name), seed \(mutators[entry].seed), \(mutant.label) (FUZZ_ONLY=\((entries[entry].name as NSString).lastPathComponent):\(index))")
    }

    /// The plan entry `FUZZ_ONLY=<file name>:<index>` names, nil when the text does not name one.
    public func lookup(_ text: String) -> (entry: Int, mutant: Int)? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let index = Int(parts[1]),
              let entry = entries.firstIndex(where: { ($0.name as NSString).lastPathComponent == parts[0] }) else { return nil }
        return (entry, index)
    }
}
