import Foundation

/// The scenario fuzz corpus: every `Scenarios/*.json5` file (so new examples are fuzzed as they land)
/// plus ``FuzzSeeds``. Mutant `i` of a campaign is mutant `i / count` of file `i % count`.
public struct FuzzCorpus: Sendable {
    public struct Entry: Sendable {
        /// Name in messages (`Scenarios/quickstart.json5`).
        public let name: String
        public let text: String
        /// The folder relative references resolve against.
        public let directory: String
    }

    public let entries: [Entry]
    /// One mutator per entry, seeded from the campaign seed and the entry's position.
    public let mutators: [ScenarioMutator]

    public init(seed: UInt64) throws {
        let examples = try RepositoryFiles.scenarioFiles().map {
            Entry(name: "Scenarios/" + $0.lastPathComponent, text: try String(contentsOf: $0, encoding: .utf8),
                  directory: $0.deletingLastPathComponent().path)
        }
        entries = examples + FuzzSeeds.all.map { Entry(name: $0.name, text: $0.text, directory: RepositoryFiles.root.path) }
        mutators = entries.enumerated().map { ScenarioMutator(seed: seed &+ UInt64($0.offset) &* 1_000_003, source: $0.element.text) }
    }

    /// Campaign mutant `index`: its corpus entry, the mutant, and a label naming everything needed to
    /// rebuild it.
    public func mutant(_ index: Int) -> (entry: Entry, mutant: ScenarioMutator.Mutant, label: String) {
        let which = index % entries.count
        let mutant = mutators[which].mutant(index / entries.count)
        return (entries[which], mutant, "\(entries[which].name), seed \(mutators[which].seed), \(mutant.label), campaign index \(index)")
    }
}
