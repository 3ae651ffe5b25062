import Agents

/// One `policies.<name>` entry of a tabular world: ready tables, or a learner trained when a run
/// starts (`sim run`) or by `sim train`.
public struct TabularPolicyEntry: Sendable {
    /// How the entry gets its tables.
    public enum Source: Sendable {
        /// Tables known at load time (`random`, `mode-dispatch`, `tabular`).
        case fixed(global: any GlobalPolicy, local: LocalPolicyTable)
        /// `g-learn`, `alternating-marl`, `subsample-mfq`: trained on demand, deterministically.
        case learned(TabularLearnerSpec)
    }

    /// The policy's name in the scenario.
    public let name: String
    /// Its tables or learner.
    public let source: Source
    /// The external process that chooses every local agent's action instead of the local table
    /// (`local: { kind: "external", … }`), nil for the built-in local rules.
    public let externalLocal: ExternalPolicySpec?

    public init(name: String, source: Source, externalLocal: ExternalPolicySpec? = nil) {
        self.name = name
        self.source = source
        self.externalLocal = externalLocal
    }
}
