import Agents

/// One policy family as a world reads it from a scenario: the family's description (its kind and
/// summary, held by the policy's own type), how a `policies.<name>` entry of that kind is read into the
/// world's `Entry`, and the learner that trains it (nil for policies that do not learn).
///
/// A world keeps one list of these: its registration lists their families (`sim list policies`), its
/// builder picks the reader by the entry's `kind`, so a policy name is written once, by its type.
struct PolicyReader<Context, Entry>: Sendable {
    /// The family's kind and summary.
    let family: PolicyFamily
    /// The trainer of a learned family.
    let learner: TabularLearner?
    /// Reads the rest of an entry whose `kind` has been read (the caller checks that no key is left).
    let read: @Sendable (_ name: String, _ reader: inout ObjectReader, _ context: Context) throws -> Entry

    init(_ family: PolicyFamily, learner: TabularLearner? = nil,
         read: @escaping @Sendable (_ name: String, _ reader: inout ObjectReader, _ context: Context) throws -> Entry) {
        self.family = family
        self.learner = learner
        self.read = read
    }

    /// `(kind, summary)` of each reader, for a ``WorldRegistration``.
    static func listing(_ readers: [Self]) -> [(kind: String, summary: String)] {
        readers.map { ($0.family.kind, $0.family.summary) }
    }

    /// Reads entry `name`: its `kind` (one of `readers`' families), the fields of that kind, and
    /// refuses any field left unread.
    static func read(_ readers: [Self], name: String, _ entry: ObjectReader, context: Context) throws -> Entry {
        var reader = entry
        let kind = try reader.string("kind", oneOf: readers.map(\.family.kind))
        guard let chosen = readers.first(where: { $0.family.kind == kind }) else { preconditionFailure("kind \(kind) was checked") }
        let built = try chosen.read(name, &reader, context)
        try reader.finish()
        return built
    }
}
