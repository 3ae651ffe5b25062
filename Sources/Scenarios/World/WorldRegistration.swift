/// How a world kind is built and described (`sim list worlds|policies`). Each world's folder provides
/// its registration; a ``WorldRegistry`` lists them.
public struct WorldRegistration: Sendable {
    /// The `world.kind` name.
    public let kind: String
    /// One line for `sim list worlds`.
    public let summary: String
    /// `(kind, summary)` of the policies this world accepts.
    public let policies: [(kind: String, summary: String)]
    /// Builds the world from its `world` object and the `policies` entries. It reads every key it
    /// accepts from `world` (the loader refuses the keys left unread) and reports bad values with
    /// the reader's ``ObjectReader/issue(_:_:value:hint:)``.
    public let build: @Sendable (_ world: inout ObjectReader, _ policies: [(name: String, reader: ObjectReader)],
                                 _ header: ScenarioHeader) throws -> any World

    public init(kind: String, summary: String, policies: [(kind: String, summary: String)],
                build: @escaping @Sendable (inout ObjectReader, [(name: String, reader: ObjectReader)], ScenarioHeader) throws -> any World) {
        self.kind = kind
        self.summary = summary
        self.policies = policies
        self.build = build
    }
}
